package org.moodlesync.jooq.internal.enrol;

/**
 * A course as the enrolment writers see it.
 *
 * @param id          course id
 * @param shortname   shortname
 * @param idnumber    idnumber
 * @param contextId   id of its context, or 0 when it has none
 * @param contextPath path of its context, or null
 */
public record CourseRef(long id, String shortname, String idnumber, long contextId, String contextPath) {

    /** A short name for reports. */
    public String label() {
        return shortname;
    }
}
