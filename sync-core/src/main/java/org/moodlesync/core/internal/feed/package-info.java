/**
 * Full feeds (docs/full-feeds.md): the keys a feed's file lists, the difference with the scope's rows, the removal
 * limit, the removal lines run after the file's own, the ownership claims and the undo file.
 */
package org.moodlesync.core.internal.feed;
