/**
 * What moodle-sync reads of a Moodle site outside its database: the settings of its {@code config.php}, and
 * where that file and the site's code are ({@link org.moodlesync.api.site.MoodleSiteFolder}, for Moodle 4.x and
 * 5.1+'s {@code public/} layout).
 */
package org.moodlesync.api.site;
