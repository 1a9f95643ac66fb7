package dev.lightstream.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code lightstream serve ...} in a second JVM (the same class path), with its stderr read line by
 * line as it comes, so that a test can learn the address and fingerprint it prints.
 */
final class ServeProcess implements AutoCloseable {
    final Process process;
    private final BlockingQueue<String> fresh = new LinkedBlockingQueue<>();
    final List<String> stderr = new CopyOnWriteArrayList<>();

    private ServeProcess(Process process) {
        this.process = process;
        Thread.ofVirtual().start(() -> {
            try (BufferedReader err = new BufferedReader(
                    new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) {
                    stderr.add(line);
                    fresh.add(line);
                }
            } catch (IOException e) {
                fresh.add("stderr unreadable: " + e);
            }
        });
    }

    /** Starts {@code lightstream ARGS...}; its stdout is a pipe to this process. */
    static ServeProcess start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-cp", classPath(), Main.class.getName()));
        command.addAll(List.of(args));
        return new ServeProcess(new ProcessBuilder(command).start());
    }

    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    /** Waits for a stderr line matching {@code regex} and returns its first group (bounded by the test's timeout). */
    String awaitLine(String regex) throws InterruptedException {
        Pattern pattern = Pattern.compile(regex);
        while (true) {
            String line = fresh.poll(100, TimeUnit.MILLISECONDS);
            if (line == null) {
                if (!process.isAlive() && fresh.isEmpty()) {
                    throw new AssertionError("serve exited with " + process.exitValue() + " before printing "
                            + regex + "; stderr: " + stderr);
                }
                continue;
            }
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                return m.groupCount() > 0 ? m.group(1) : line;
            }
        }
    }

    /** The address a listening serve printed. */
    String endpoint() throws InterruptedException {
        return awaitLine("^lightstream: serving \\S+ on (\\S+) ");
    }

    int exitCode() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("serve did not exit; stderr: " + stderr);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
