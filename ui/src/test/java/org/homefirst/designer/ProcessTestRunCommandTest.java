package org.homefirst.designer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner of a draft's process tests starts in a folder of its own, so it must be given our
 * class path as absolute paths: the demo runs {@code java -jar ui/target/homefirst.jar}, whose class
 * path is relative to where it was started.
 */
class ProcessTestRunCommandTest {

  @Test
  void aRelativeClassPathIsGivenToTheRunnerAsAbsolutePaths(@TempDir Path folder) throws Exception {
    List<String> command = ProcessTestRuns.command(folder, "pathway-1.bpmn", "classes" + java.io.File.pathSeparator + "lib/a.jar");

    String classPath = command.get(command.indexOf("-cp") + 1);
    assertThat(classPath.split(java.io.File.pathSeparator)).containsExactly(
        Path.of("classes").toAbsolutePath().normalize().toString(), Path.of("lib/a.jar").toAbsolutePath().normalize().toString());
    assertThat(command).contains(ProcessTestRuns.RUNNER).endsWith("pathway-1.bpmn");
  }

  @Test
  void anExecutableJarStartsTheRunnerThroughSpringBootsLauncher(@TempDir Path folder) throws Exception {
    Path jar = folder.resolve("homefirst.jar");
    try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new java.util.jar.JarEntry("BOOT-INF/lib/"));
      out.closeEntry();
    }
    Path relative = Path.of("").toAbsolutePath().relativize(jar);

    List<String> command = ProcessTestRuns.command(folder, "pathway-1.bpmn", relative.toString());

    assertThat(command.get(command.indexOf("-cp") + 1)).isEqualTo(jar.toString());
    assertThat(command).contains("-Dloader.main=" + ProcessTestRuns.RUNNER,
        "org.springframework.boot.loader.launch.PropertiesLauncher");
  }
}
