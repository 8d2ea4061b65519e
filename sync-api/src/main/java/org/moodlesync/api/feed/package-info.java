/**
 * Full feeds: a file that is the whole truth for a scope, so that what it no longer lists is removed or suspended
 * (docs/full-feeds.md). {@link org.moodlesync.api.feed.FeedScope} says what the file is the truth for,
 * {@link org.moodlesync.api.feed.EnrolDropAction} what becomes of an absent enrolment, and
 * {@link org.moodlesync.api.feed.RemovalLimit} how much a run may remove before it refuses to write anything.
 * Only what a feed listed in an earlier run is ever removed (its ownership records); the SPI a backend implements
 * is {@link org.moodlesync.api.feed.FeedOwnership}.
 */
package org.moodlesync.api.feed;
