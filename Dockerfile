# The Home First application image. Build the jar first: ./mvnw -Pproduction -DskipTests install
# Runs as an unprivileged user of its own (uid 10001), never as root.
FROM eclipse-temurin:21-jre
RUN groupadd --system --gid 10001 homefirst \
 && useradd --system --uid 10001 --gid homefirst --home-dir /app --shell /usr/sbin/nologin homefirst
WORKDIR /app
# owned by root: the application cannot change its own code
COPY ui/target/homefirst.jar /app/homefirst.jar
USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/homefirst.jar"]
