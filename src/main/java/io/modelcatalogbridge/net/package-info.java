/**
 * The bridge's own HTTP clients' one way of opening a request to a JSON API over the JDK's
 * {@link java.net.HttpURLConnection}: registry reads ({@code source/kfmr}) and calls to storage ({@code storageapi}).
 * A leaf: imports nothing else of ours.
 */
package io.modelcatalogbridge.net;
