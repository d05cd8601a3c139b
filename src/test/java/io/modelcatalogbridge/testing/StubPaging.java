package io.modelcatalogbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcatalogbridge.source.kfmr.KfmrJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Server-side paging like embedmd's: items ordered by {@code orderBy} (ID, CREATE_TIME, LAST_UPDATE_TIME; id as
 * tie-break) and {@code sortOrder}; {@code nextPageToken} is an opaque base64 cursor (page number and last
 * position), so items added or removed between pages behave as on a real server. No {@code pageSize} = all items.
 */
final class StubPaging {

    /** One page of a list: the envelope and the page number (1 = first). */
    record Page(ObjectNode envelope, int number) {}

    private StubPaging() {}

    /** Page number a request asks for: 1 without token, else the number encoded in the token. */
    static int pageNumber(String token) {
        return token == null || token.isEmpty()
                ? 1
                : Integer.parseInt(decode(token).get("p"));
    }

    static Page page(List<?> records, Map<String, String> query, boolean repeatToken) {
        return pageOfSorted(sorted(records, query), query, repeatToken);
    }

    /** The order a list request asks for, as a key for {@link #sorted}. */
    static String ordering(Map<String, String> query) {
        return query.getOrDefault("orderBy", "ID") + " " + query.getOrDefault("sortOrder", "ASC");
    }

    /** The records as JSON in the order the request asks for: what {@link #pageOfSorted} pages through. */
    static List<JsonNode> sorted(List<?> records, Map<String, String> query) {
        String orderBy = query.getOrDefault("orderBy", "ID");
        boolean desc = "DESC".equalsIgnoreCase(query.get("sortOrder"));
        List<JsonNode> items = new ArrayList<>();
        records.forEach(r -> items.add(KfmrJson.mapper().valueToTree(r)));
        Comparator<JsonNode> order =
                Comparator.comparingLong((JsonNode n) -> sortKey(n, orderBy)).thenComparingLong(n -> sortKey(n, "ID"));
        items.sort(desc ? order.reversed() : order);
        return List.copyOf(items);
    }

    /** One page of items already in the requested order ({@link #sorted}). */
    static Page pageOfSorted(List<JsonNode> items, Map<String, String> query, boolean repeatToken) {
        String orderBy = query.getOrDefault("orderBy", "ID");
        boolean desc = "DESC".equalsIgnoreCase(query.get("sortOrder"));
        int pageSize = query.containsKey("pageSize") ? Integer.parseInt(query.get("pageSize")) : 0;
        String token = query.get("nextPageToken");
        int number = pageNumber(token);

        int start = 0;
        if (token != null && !token.isEmpty()) {
            Map<String, String> cursor = decode(token);
            long key = Long.parseLong(cursor.get("k"));
            long id = Long.parseLong(cursor.get("i"));
            while (start < items.size() && !isAfter(items.get(start), key, id, orderBy, desc)) {
                start++;
            }
        }
        int end = pageSize == 0 ? items.size() : Math.min(items.size(), start + pageSize);
        ObjectNode envelope = KfmrJson.mapper().createObjectNode();
        ArrayNode array = envelope.putArray("items");
        items.subList(start, end).forEach(array::add);
        String next = "";
        if (end < items.size() && end > start) {
            JsonNode last = items.get(end - 1);
            next = repeatToken && token != null && !token.isEmpty()
                    ? token
                    : encode(number + 1, sortKey(last, orderBy), sortKey(last, "ID"));
        }
        envelope.put("nextPageToken", next);
        envelope.put("pageSize", pageSize);
        envelope.put("size", end - start);
        return new Page(envelope, number);
    }

    private static boolean isAfter(JsonNode n, long key, long id, String orderBy, boolean desc) {
        long k = sortKey(n, orderBy);
        long i = sortKey(n, "ID");
        int cmp = k != key ? Long.compare(k, key) : Long.compare(i, id);
        return desc ? cmp < 0 : cmp > 0;
    }

    private static long sortKey(JsonNode n, String orderBy) {
        String field = switch (orderBy) {
            case "CREATE_TIME" -> "createTimeSinceEpoch";
            case "LAST_UPDATE_TIME" -> "lastUpdateTimeSinceEpoch";
            default -> "id";
        };
        try {
            return Long.parseLong(n.path(field).asText("0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String encode(int page, long key, long id) {
        // Standard base64 on purpose: '=' and '+' must be escaped by the client.
        return Base64.getEncoder()
                .encodeToString(("p=" + page + "&k=" + key + "&i=" + id + "&pad=?").getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> decode(String token) {
        String text = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        Map<String, String> out = new HashMap<>();
        for (String part : text.split("&")) {
            int eq = part.indexOf('=');
            out.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return out;
    }
}
