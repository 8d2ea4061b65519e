/** The service-provider interfaces: writers per aggregate, the backend that makes them, and run listeners. */
package org.moodlesync.api.spi;
