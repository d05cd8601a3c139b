package io.modelcatalogbridge.hardening;

/** Counts over generated cases: how many ran, how many inputs were refused as unreadable, documents produced. */
record Stats(int cases, int refused, int documents) {

    static final Stats NONE = new Stats(0, 0, 0);

    static Stats refusedOne() {
        return new Stats(1, 1, 0);
    }

    static Stats mapped(int documents) {
        return new Stats(1, 0, documents);
    }

    Stats plus(Stats o) {
        return new Stats(cases + o.cases, refused + o.refused, documents + o.documents);
    }
}
