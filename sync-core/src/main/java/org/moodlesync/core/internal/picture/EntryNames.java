package org.moodlesync.core.internal.picture;

import java.util.Locale;

/** Checks on the names of archive entries. */
final class EntryNames {

    private EntryNames() {
    }

    /**
     * Why an entry name would escape the folder it is extracted to (zip-slip), or null when it is safe: absolute
     * paths, drive letters, {@code ..} segments and control characters are refused, with {@code /} and {@code \}
     * both taken as separators. moodle-sync never extracts to disk, but such a name is a hostile archive.
     */
    static String escapeReason(String name) {
        if (name.isEmpty()) {
            return "the entry has no name";
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < 0x20 || name.charAt(i) == 0x7f) {
                return "the entry name holds a control character";
            }
        }
        String n = name.replace('\\', '/');
        if (n.startsWith("/")) {
            return "the entry name is an absolute path (it escapes the archive's folder)";
        }
        if (n.length() >= 2 && n.charAt(1) == ':' && Character.isLetter(n.charAt(0))) {
            return "the entry name starts with a drive letter (it escapes the archive's folder)";
        }
        for (String segment : n.split("/", -1)) {
            if (segment.equals("..")) {
                return "the entry name climbs out of the archive's folder with '..' (zip-slip)";
            }
        }
        return null;
    }

    /** True for the metadata macOS adds to archives ({@code __MACOSX/…}, {@code ._name}), which are no pictures. */
    static boolean isMacMetadata(String name) {
        String n = name.replace('\\', '/');
        String base = n.substring(n.lastIndexOf('/') + 1);
        return n.startsWith("__MACOSX/") || n.contains("/__MACOSX/") || base.startsWith("._")
                || base.toLowerCase(Locale.ROOT).equals(".ds_store");
    }

    /** True for a directory entry. */
    static boolean isDirectory(String name) {
        return name.endsWith("/") || name.endsWith("\\");
    }
}
