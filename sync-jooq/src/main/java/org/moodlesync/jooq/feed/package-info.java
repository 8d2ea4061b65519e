/**
 * The table of full feeds' ownership records, {@link org.moodlesync.jooq.feed.FeedTable}: which rows of the Moodle
 * site each feed listed, so that a feed only ever removes its own (docs/full-feeds.md).
 */
package org.moodlesync.jooq.feed;
