package io.modelcatalogbridge.render;

/** JSON pointer building (RFC 6901): annotation keys such as {@code backstage.io/techdocs-ref} contain '/'. */
final class Pointers {

    private Pointers() {}

    static String child(String parent, String key) {
        return parent + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    static String child(String parent, int index) {
        return parent + "/" + index;
    }
}
