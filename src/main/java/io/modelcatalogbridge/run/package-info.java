/** The all-in-one {@code run} mode: the three roles in one process, handing documents over in process. */
package io.modelcatalogbridge.run;
