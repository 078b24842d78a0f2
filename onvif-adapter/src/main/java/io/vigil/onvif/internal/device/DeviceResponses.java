package io.vigil.onvif.internal.device;

import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.xml.XmlOutput;
import io.vigil.onvif.xml.XmlWritable;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The typed answers of the Vigil device that the shared message package does not have, each
 * written element by element through {@link XmlOutput} (schema: onvif.xsd, devicemgmt.wsdl,
 * media.wsdl, media2.wsdl, event.wsdl, WS-BaseNotification b-2.xsd).
 */
final class DeviceResponses {

    static final String WSTOP = "http://docs.oasis-open.org/wsn/t-1";

    private DeviceResponses() {
    }

    /** Declares the namespaces once on s:Body (node-onvif's xml2js set-up otherwise reads text as objects). */
    static XmlWritable onBody(XmlWritable answer) {
        return out -> {
            out.writeNamespace("tds", Namespaces.TDS);
            out.writeNamespace("trt", Namespaces.TRT);
            out.writeNamespace("tr2", Namespaces.TR2);
            out.writeNamespace("tt", Namespaces.TT);
            out.writeNamespace("tev", Namespaces.TEV);
            out.writeNamespace("wsnt", DeviceFault.WSNT);
            out.writeNamespace("wstop", WSTOP);
            out.writeNamespace("tns1", Namespaces.TNS1);
            out.writeNamespace("vigil", Namespaces.VIGIL_TOPICS);
            out.writeNamespace("xs", "http://www.w3.org/2001/XMLSchema");
            answer.writeTo(out);
        };
    }

    static XmlWritable empty(QName name) {
        return out -> XmlOutput.emptyElement(out, name);
    }

    static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    static XmlWritable scopes(List<String> scopes) {
        return out -> {
            XmlOutput.startElement(out, Namespaces.tds("GetScopesResponse"));
            for (String scope : scopes) {
                XmlOutput.startElement(out, Namespaces.tds("Scopes"));
                XmlOutput.textElement(out, Namespaces.tt("ScopeDef"), "Fixed");
                XmlOutput.textElement(out, Namespaces.tt("ScopeItem"), scope);
                out.writeEndElement();
            }
            out.writeEndElement();
        };
    }

    static XmlWritable hostname(String name) {
        return out -> {
            XmlOutput.startElement(out, Namespaces.tds("GetHostnameResponse"));
            XmlOutput.startElement(out, Namespaces.tds("HostnameInformation"));
            XmlOutput.textElement(out, Namespaces.tt("FromDHCP"), "false");
            XmlOutput.textElement(out, Namespaces.tt("Name"), name);
            out.writeEndElement();
            out.writeEndElement();
        };
    }

    static XmlWritable wsdlUrl() {
        return out -> XmlOutput.textElement(out, Namespaces.tds("GetWsdlUrlResponse"), "http://www.onvif.org/onvif/ver10/device/wsdl/devicemgmt.wsdl");
    }

    static XmlWritable endpointReference(String uuid) {
        return out -> {
            XmlOutput.startElement(out, Namespaces.tds("GetEndpointReferenceResponse"));
            XmlOutput.textElement(out, Namespaces.tds("GUID"), uuid);
            out.writeEndElement();
        };
    }

    static XmlWritable networkInterfaces(String address, String hardwareAddress) {
        return out -> {
            XmlOutput.startElement(out, Namespaces.tds("GetNetworkInterfacesResponse"));
            XmlOutput.startElement(out, Namespaces.tds("NetworkInterfaces"));
            XmlOutput.attribute(out, "token", "eth0");
            XmlOutput.textElement(out, Namespaces.tt("Enabled"), "true");
            XmlOutput.startElement(out, Namespaces.tt("Info"));
            XmlOutput.textElement(out, Namespaces.tt("Name"), "eth0");
            XmlOutput.textElement(out, Namespaces.tt("HwAddress"), hardwareAddress);
            XmlOutput.textElement(out, Namespaces.tt("MTU"), "1500");
            out.writeEndElement();
            if (!address.contains(":")) {
                XmlOutput.startElement(out, Namespaces.tt("IPv4"));
                XmlOutput.textElement(out, Namespaces.tt("Enabled"), "true");
                XmlOutput.startElement(out, Namespaces.tt("Config"));
                XmlOutput.startElement(out, Namespaces.tt("Manual"));
                XmlOutput.textElement(out, Namespaces.tt("Address"), address);
                XmlOutput.textElement(out, Namespaces.tt("PrefixLength"), "24");
                out.writeEndElement();
                XmlOutput.textElement(out, Namespaces.tt("DHCP"), "false");
                out.writeEndElement();
                out.writeEndElement();
            }
            out.writeEndElement();
            out.writeEndElement();
        };
    }

    /** tds:GetServiceCapabilities: what the device service offers (UsernameToken and HTTP Digest). */
    static XmlWritable deviceServiceCapabilities() {
        return out -> {
            XmlOutput.startElement(out, Namespaces.tds("GetServiceCapabilitiesResponse"));
            XmlOutput.startElement(out, Namespaces.tds("Capabilities"));
            XmlOutput.startElement(out, Namespaces.tds("Network"));
            XmlOutput.attribute(out, "IPFilter", "false");
            XmlOutput.attribute(out, "ZeroConfiguration", "false");
            XmlOutput.attribute(out, "IPVersion6", "false");
            XmlOutput.attribute(out, "DynDNS", "false");
            out.writeEndElement();
            XmlOutput.startElement(out, Namespaces.tds("Security"));
            XmlOutput.attribute(out, "TLS1.2", "false");
            XmlOutput.attribute(out, "UsernameToken", "true");
            XmlOutput.attribute(out, "HttpDigest", "true");
            XmlOutput.attribute(out, "DefaultAccessPolicy", "false");
            out.writeEndElement();
            XmlOutput.startElement(out, Namespaces.tds("System"));
            XmlOutput.attribute(out, "DiscoveryResolve", "false");
            XmlOutput.attribute(out, "DiscoveryBye", "true");
            XmlOutput.attribute(out, "RemoteDiscovery", "false");
            XmlOutput.attribute(out, "SystemBackup", "false");
            XmlOutput.attribute(out, "SystemLogging", "false");
            XmlOutput.attribute(out, "FirmwareUpgrade", "false");
            out.writeEndElement();
            out.writeEndElement();
            out.writeEndElement();
        };
    }

    static XmlWritable eventServiceCapabilities(int maxPullPoints) {
        return out -> {
            XmlOutput.startElement(out, Namespaces.tev("GetServiceCapabilitiesResponse"));
            XmlOutput.startElement(out, Namespaces.tev("Capabilities"));
            XmlOutput.attribute(out, "WSSubscriptionPolicySupport", "false");
            XmlOutput.attribute(out, "WSPausableSubscriptionManagerInterfaceSupport", "false");
            XmlOutput.attribute(out, "MaxNotificationProducers", Integer.toString(maxPullPoints));
            XmlOutput.attribute(out, "MaxPullPoints", Integer.toString(maxPullPoints));
            XmlOutput.attribute(out, "PersistentNotificationStorage", "false");
            out.writeEndElement();
            out.writeEndElement();
        };
    }

    static XmlWritable mediaServiceCapabilities(boolean media2, int profiles) {
        return out -> {
            XmlOutput.startElement(out, media2 ? Namespaces.tr2("GetServiceCapabilitiesResponse") : Namespaces.trt("GetServiceCapabilitiesResponse"));
            XmlOutput.startElement(out, media2 ? Namespaces.tr2("Capabilities") : Namespaces.trt("Capabilities"));
            XmlOutput.attribute(out, "SnapshotUri", "false");
            XmlOutput.attribute(out, "Rotation", "false");
            XmlOutput.attribute(out, "OSD", "false");
            XmlOutput.startElement(out, media2 ? Namespaces.tr2("ProfileCapabilities") : Namespaces.trt("ProfileCapabilities"));
            XmlOutput.attribute(out, "MaximumNumberOfProfiles", Integer.toString(Math.max(1, profiles)));
            out.writeEndElement();
            XmlOutput.startElement(out, media2 ? Namespaces.tr2("StreamingCapabilities") : Namespaces.trt("StreamingCapabilities"));
            if (media2) {
                XmlOutput.attribute(out, "RTSPStreaming", "true");
                XmlOutput.attribute(out, "RTPMulticast", "false");
            } else {
                XmlOutput.attribute(out, "RTPMulticast", "false");
                XmlOutput.attribute(out, "RTP_TCP", "true");
                XmlOutput.attribute(out, "RTP_RTSP_TCP", "true");
            }
            out.writeEndElement();
            out.writeEndElement();
            out.writeEndElement();
        };
    }

    /** tds:GetCapabilities (the pre-2.0 way): Device, Events and Media, as old VMS drivers and node-onvif read them. */
    static XmlWritable capabilities(URI device, URI events, URI media) {
        return out -> {
            XmlOutput.startElement(out, Namespaces.tds("GetCapabilitiesResponse"));
            XmlOutput.startElement(out, Namespaces.tds("Capabilities"));
            XmlOutput.startElement(out, Namespaces.tt("Device"));
            XmlOutput.textElement(out, Namespaces.tt("XAddr"), device.toString());
            out.writeEndElement();
            XmlOutput.startElement(out, Namespaces.tt("Events"));
            XmlOutput.textElement(out, Namespaces.tt("XAddr"), events.toString());
            XmlOutput.textElement(out, Namespaces.tt("WSSubscriptionPolicySupport"), "false");
            XmlOutput.textElement(out, Namespaces.tt("WSPullPointSupport"), "true");
            XmlOutput.textElement(out, Namespaces.tt("WSPausableSubscriptionManagerInterfaceSupport"), "false");
            out.writeEndElement();
            XmlOutput.startElement(out, Namespaces.tt("Media"));
            XmlOutput.textElement(out, Namespaces.tt("XAddr"), media.toString());
            XmlOutput.startElement(out, Namespaces.tt("StreamingCapabilities"));
            XmlOutput.textElement(out, Namespaces.tt("RTPMulticast"), "false");
            XmlOutput.textElement(out, Namespaces.tt("RTP_TCP"), "true");
            XmlOutput.textElement(out, Namespaces.tt("RTP_RTSP_TCP"), "true");
            out.writeEndElement();
            out.writeEndElement();
            out.writeEndElement();
            out.writeEndElement();
        };
    }

    static XmlWritable videoSources(List<Channel> channels) {
        return out -> {
            XmlOutput.startElement(out, Namespaces.trt("GetVideoSourcesResponse"));
            for (Channel channel : channels) {
                XmlOutput.startElement(out, Namespaces.trt("VideoSources"));
                XmlOutput.attribute(out, "token", channel.sourceToken());
                XmlOutput.textElement(out, Namespaces.tt("Framerate"), "25");
                XmlOutput.startElement(out, Namespaces.tt("Resolution"));
                XmlOutput.textElement(out, Namespaces.tt("Width"), Integer.toString(channel.resolution().width()));
                XmlOutput.textElement(out, Namespaces.tt("Height"), Integer.toString(channel.resolution().height()));
                out.writeEndElement();
                out.writeEndElement();
            }
            out.writeEndElement();
        };
    }

    static XmlWritable videoSourceConfigurations(boolean media2, List<Channel> channels) {
        return out -> {
            XmlOutput.startElement(out, media2 ? Namespaces.tr2("GetVideoSourceConfigurationsResponse")
                    : Namespaces.trt("GetVideoSourceConfigurationsResponse"));
            for (Channel channel : channels) {
                XmlOutput.startElement(out, media2 ? Namespaces.tr2("Configurations") : Namespaces.trt("Configurations"));
                io.vigil.onvif.message.VideoXml.sourceConfiguration(out, channel.profile().video().orElseThrow(), 2);
                out.writeEndElement();
            }
            out.writeEndElement();
        };
    }

    /** Subscription reference, current and termination time: CreatePullPointSubscription and Subscribe answers. */
    static XmlWritable subscribed(QName response, QName reference, URI address, Instant now, Instant termination) {
        return out -> {
            XmlOutput.startElement(out, response);
            XmlOutput.startElement(out, reference);
            XmlOutput.textElement(out, Namespaces.wsa("Address"), address.toString());
            out.writeEndElement();
            XmlOutput.textElement(out, DeviceFault.wsnt("CurrentTime"), time(now));
            XmlOutput.textElement(out, DeviceFault.wsnt("TerminationTime"), time(termination));
            out.writeEndElement();
        };
    }

    static XmlWritable renewed(Instant now, Instant termination) {
        return out -> {
            XmlOutput.startElement(out, DeviceFault.wsnt("RenewResponse"));
            XmlOutput.textElement(out, DeviceFault.wsnt("TerminationTime"), time(termination));
            XmlOutput.textElement(out, DeviceFault.wsnt("CurrentTime"), time(now));
            out.writeEndElement();
        };
    }

    static XmlWritable pulled(EventBroker.PullResult result) {
        return out -> {
            XmlOutput.startElement(out, Namespaces.tev("PullMessagesResponse"));
            XmlOutput.textElement(out, Namespaces.tev("CurrentTime"), time(result.currentTime()));
            XmlOutput.textElement(out, Namespaces.tev("TerminationTime"), time(result.terminationTime()));
            for (Notification message : result.messages()) {
                message.writeTo(out);
            }
            out.writeEndElement();
        };
    }

    /** wsnt:Notify, pushed to a consumer. */
    static XmlWritable notify(List<Notification> messages) {
        return out -> {
            XmlOutput.startElement(out, DeviceFault.wsnt("Notify"));
            for (Notification message : messages) {
                message.writeTo(out);
            }
            out.writeEndElement();
        };
    }

    /** tev:GetEventPropertiesResponse: the topic set with each topic's message description. */
    static XmlWritable eventProperties() {
        return out -> {
            XmlOutput.startElement(out, Namespaces.tev("GetEventPropertiesResponse"));
            XmlOutput.textElement(out, Namespaces.tev("TopicNamespaceLocation"), "http://www.onvif.org/onvif/ver10/topics/topicns.xml");
            XmlOutput.textElement(out, DeviceFault.wsnt("FixedTopicSet"), "true");
            XmlOutput.startElement(out, new QName(WSTOP, "TopicSet", "wstop"));
            for (EventTopic topic : EventTopic.values()) {
                writeTopic(out, topic);
            }
            out.writeEndElement();
            XmlOutput.textElement(out, DeviceFault.wsnt("TopicExpressionDialect"), EventTopic.CONCRETE_SET);
            XmlOutput.textElement(out, DeviceFault.wsnt("TopicExpressionDialect"), EventTopic.CONCRETE);
            XmlOutput.textElement(out, Namespaces.tev("MessageContentFilterDialect"), "http://www.onvif.org/ver10/tev/messageContentFilter/ItemFilter");
            XmlOutput.textElement(out, Namespaces.tev("MessageContentSchemaLocation"), "http://www.onvif.org/onvif/ver10/schema/onvif.xsd");
            out.writeEndElement();
        };
    }

    private static void writeTopic(XMLStreamWriter out, EventTopic topic) throws XMLStreamException {
        List<String> path = topic.path();
        XmlOutput.startElement(out, new QName(topic.namespace(), path.get(0), topic.prefix()));
        for (int i = 1; i < path.size(); i++) {
            XmlOutput.startElement(out, new QName(topic.namespace(), path.get(i), topic.prefix()));
        }
        XmlOutput.attribute(out, new QName(WSTOP, "topic", "wstop"), "true");
        XmlOutput.startElement(out, Namespaces.tt("MessageDescription"));
        XmlOutput.attribute(out, "IsProperty", Boolean.toString(topic.property()));
        XmlOutput.startElement(out, Namespaces.tt("Source"));
        if (topic == EventTopic.RECOGNITION_FACE) {
            simpleItem(out, "VideoSource", "tt:ReferenceToken");
            simpleItem(out, "VideoSourceConfigurationToken", "tt:ReferenceToken");
            simpleItem(out, "Rule", "xs:string");
        } else if (topic == EventTopic.COMPLIANCE_WARNING) {
            simpleItem(out, "Profile", "xs:string");
        } else {
            simpleItem(out, "Source", "tt:ReferenceToken");
        }
        out.writeEndElement();
        XmlOutput.startElement(out, Namespaces.tt("Data"));
        if (topic == EventTopic.RECOGNITION_FACE) {
            simpleItem(out, "Likelihood", "xs:float");
            simpleItem(out, "EnrollmentID", "xs:string");
            simpleItem(out, "Label", "xs:string");
            elementItem(out, "ObjectId", "tt:ObjectId");
            elementItem(out, "BoundingBox", "tt:Rectangle");
        } else if (topic == EventTopic.COMPLIANCE_WARNING) {
            simpleItem(out, "Kind", "xs:string");
            simpleItem(out, "Count", "xs:long");
            simpleItem(out, "Threshold", "xs:long");
            simpleItem(out, "Deadline", "xs:date");
            simpleItem(out, "Message", "xs:string");
        } else {
            simpleItem(out, "State", "xs:boolean");
        }
        out.writeEndElement();
        if (topic == EventTopic.RECOGNITION_FACE) {
            XmlOutput.startElement(out, Namespaces.tt("ParentTopic"));
            XmlOutput.qnameText(out, new QName(Namespaces.TNS1, "RuleEngine/Recognition/Face", "tns1"));
            out.writeEndElement();
        }
        out.writeEndElement();
        for (int i = 0; i < path.size(); i++) {
            out.writeEndElement();
        }
    }

    private static void simpleItem(XMLStreamWriter out, String name, String type) throws XMLStreamException {
        XmlOutput.startElement(out, Namespaces.tt("SimpleItemDescription"));
        XmlOutput.attribute(out, "Name", name);
        XmlOutput.attribute(out, "Type", type);
        out.writeEndElement();
    }

    private static void elementItem(XMLStreamWriter out, String name, String type) throws XMLStreamException {
        XmlOutput.startElement(out, Namespaces.tt("ElementItemDescription"));
        XmlOutput.attribute(out, "Name", name);
        XmlOutput.attribute(out, "Type", type);
        out.writeEndElement();
    }
}
