package org.homefirst.base;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a person sees when something fails that no page caught (the database or engine gone, a
 * bug): a sentence in their words and a reference, never the exception's text, which goes to the
 * log under that reference for whoever runs the service. Replaces Vaadin's default error page
 * (which shows the exception's message) and its default handler of errors in clicks.
 */
@AnonymousAllowed
public class SomethingWentWrong extends VerticalLayout implements HasErrorParameter<Exception> {

  private static final Logger log = LoggerFactory.getLogger(SomethingWentWrong.class);

  @Override
  public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<Exception> parameter) {
    String reference = logged("page /" + event.getLocation().getPath(), parameter.getCaughtException());
    add(new H2("This page could not be shown"),
        new Paragraph(words(reference)),
        new Anchor("", "Back to the start"));
    getElement().setAttribute("data-reference", reference);
    return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
  }

  /** The sentence people read, with the reference that finds the failure in the log. */
  static String words(String reference) {
    return "Something went wrong on our side, and what you were doing may not have been done; what was"
        + " saved before is not lost. Try again in a minute. If it keeps happening, tell the service desk"
        + " the reference " + reference + ".";
  }

  /** Logs the failure with a short reference of its own, and returns the reference. */
  static String logged(String where, Throwable failure) {
    String reference = UUID.randomUUID().toString().substring(0, 8);
    log.error("Unexpected failure on {} (reference {})", where, reference, failure);
    return reference;
  }

  /** An error in a click or another event of a page: a notification in words instead of Vaadin's default. */
  @Component
  static class InEvents implements VaadinServiceInitListener {
    @Override
    public void serviceInit(ServiceInitEvent event) {
      event.getSource().addSessionInitListener(init -> init.getSession().setErrorHandler(error -> {
        String reference = logged("an event", error.getThrowable());
        if (com.vaadin.flow.component.UI.getCurrent() != null) {
          Notification.show(words(reference), 10000, Notification.Position.BOTTOM_START)
              .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
      }));
    }
  }
}
