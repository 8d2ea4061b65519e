/**
 * What moodle-sync reads of a Moodle site outside its database: the settings of its {@code config.php}.
 */
package org.moodlesync.api.site;
