/** The jOOQ side of full feeds: the rows of a scope read set-wise, and the feed's ownership records. */
package org.moodlesync.jooq.internal.feed;
