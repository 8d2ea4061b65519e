/** One run per kind of file per Moodle at a time: {@link org.moodlesync.api.lock.RunLocks}. */
package org.moodlesync.api.lock;
