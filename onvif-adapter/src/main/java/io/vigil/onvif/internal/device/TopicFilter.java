package io.vigil.onvif.internal.device;

import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.xml.Dom;
import io.vigil.onvif.xml.SafeText;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * The topics a subscription asked for: {@code wsnt:TopicExpression} in the ONVIF ConcreteSet or
 * the WS-Topics Concrete dialect, a union of paths separated by {@code |}, each path either a
 * topic, or a topic followed by {@code //.} (it and everything below it), with {@code *} for one
 * segment. Prefixes are resolved against the namespaces in scope at the expression, so
 * {@code tns1:} means the ONVIF topic namespace whatever the prefix is called. No filter: every
 * topic.
 */
final class TopicFilter {

    static final TopicFilter ALL = new TopicFilter(EnumSet.allOf(EventTopic.class));
    private static final int MAX_EXPRESSION = 2048;

    private final Set<EventTopic> topics;

    private TopicFilter(Set<EventTopic> topics) {
        this.topics = topics;
    }

    boolean matches(EventTopic topic) {
        return topics.contains(topic);
    }

    Set<EventTopic> topics() {
        return EnumSet.copyOf(topics);
    }

    /**
     * The filter of a CreatePullPointSubscription or Subscribe request: its {@code Filter} child,
     * if any ({@code tev:Filter} or {@code wsnt:Filter}).
     *
     * @throws DeviceFault {@code wsnt:InvalidTopicExpressionFault} for an unreadable expression or
     *                     an unknown dialect, {@code wsnt:TopicNotSupportedFault} when it names no
     *                     topic this device has
     */
    static TopicFilter of(Element request) throws DeviceFault {
        List<Element> filters = new ArrayList<>(Dom.children(request, Namespaces.TEV, "Filter"));
        filters.addAll(Dom.children(request, DeviceFault.WSNT, "Filter"));
        if (filters.isEmpty()) {
            return ALL;
        }
        List<Element> expressions = Dom.children(filters.get(0), DeviceFault.WSNT, "TopicExpression");
        if (expressions.isEmpty()) {
            return ALL; // a MessageContent filter alone: not supported, every topic is sent
        }
        EnumSet<EventTopic> chosen = EnumSet.noneOf(EventTopic.class);
        for (Element expression : expressions) {
            String dialect = expression.getAttribute("Dialect");
            if (!dialect.isEmpty() && !EventTopic.CONCRETE_SET.equals(dialect) && !EventTopic.CONCRETE.equals(dialect)) {
                throw DeviceFault.sender("Topic expression dialect not supported: " + SafeText.excerpt(dialect, 120),
                        DeviceFault.wsnt("TopicExpressionDialectUnknownFault"));
            }
            chosen.addAll(parse(expression));
        }
        if (chosen.isEmpty()) {
            throw DeviceFault.sender("The topic expression names no topic of this device",
                    DeviceFault.wsnt("TopicNotSupportedFault"));
        }
        return new TopicFilter(chosen);
    }

    private static Set<EventTopic> parse(Element expression) throws DeviceFault {
        String text = Dom.text(expression);
        if (text.isEmpty() || text.length() > MAX_EXPRESSION) {
            throw invalid("an empty or overlong topic expression");
        }
        EnumSet<EventTopic> matched = EnumSet.noneOf(EventTopic.class);
        for (String alternative : text.split("\\|")) {
            String path = alternative.strip();
            boolean descendants = path.endsWith("//.");
            if (descendants) {
                path = path.substring(0, path.length() - 3);
            }
            int colon = path.indexOf(':');
            if (colon <= 0) {
                throw invalid("a topic path without a namespace prefix: " + SafeText.excerpt(path, 120));
            }
            String namespace = expression.lookupNamespaceURI(path.substring(0, colon));
            if (namespace == null) {
                throw invalid("undeclared prefix in topic expression: " + SafeText.excerpt(path.substring(0, colon), 40));
            }
            String[] segments = path.substring(colon + 1).split("/");
            for (EventTopic topic : EventTopic.values()) {
                // another vendor's namespace matches none of ours
                if (topic.namespace().equals(namespace) && matches(topic.path(), segments, descendants)) {
                    matched.add(topic);
                }
            }
        }
        return matched;
    }

    private static boolean matches(List<String> topic, String[] segments, boolean descendants) {
        if (segments.length > topic.size() || (!descendants && segments.length != topic.size())) {
            return false;
        }
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            int colon = segment.indexOf(':'); // some clients qualify every segment (tns1:RuleEngine/tns1:Recognition)
            String local = colon >= 0 ? segment.substring(colon + 1) : segment;
            if (!"*".equals(local) && !topic.get(i).equals(local)) {
                return false;
            }
        }
        return true;
    }

    private static DeviceFault invalid(String why) {
        return DeviceFault.sender("Invalid topic expression: " + why, DeviceFault.wsnt("InvalidTopicExpressionFault"));
    }
}
