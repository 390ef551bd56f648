package org.lyncrunbooks.lyncshell;

/** What a shell script left behind: its exit code and what it wrote to standard output and standard error. */
public record ShellOutput(int exitCode, String stdout, String stderr) {

    /** A script succeeded when it exited with 0 and wrote nothing to standard error. */
    public boolean succeeded() {
        return exitCode == 0 && stderr.isBlank();
    }
}
