package io.vigil.launcher;

/**
 * One insecure setting in use, as {@code vigil doctor} lists it.
 *
 * @param check   the check's stable id (for scripts reading {@code --json})
 * @param setting the setting in use, where it is set
 * @param risk    what it exposes
 * @param fix     what to change
 */
record SecurityFinding(String check, String setting, String risk, String fix) {
}
