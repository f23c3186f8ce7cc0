import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.message.*;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.protocol.Message;
import org.apache.kafka.common.protocol.MessageUtil;
import org.apache.kafka.common.protocol.types.RawTaggedField;
import org.apache.kafka.common.record.internal.MemoryRecords;

/**
 * Test vectors for the console's generated protocol code, made by Kafka's own Java classes.
 *
 *   java -cp '.cache/kafka/<version>/libs/*:<dir>' JavaVectors vectors   messages: bytes (hex) and Kafka's JSON view
 *   java -cp '.cache/kafka/<version>/libs/*:<dir>' JavaVectors errors    Kafka's error codes
 *
 * Run by lib/kafka/protocol/java-vectors.test.ts (vectors) and scripts/protocol/errors.ts (errors).
 */
public class JavaVectors {
  static final ObjectMapper JSON = new ObjectMapper();
  static final ArrayNode OUT = JSON.createArrayNode();
  static final Uuid TOPIC_ID = new Uuid(0x0123456789abcdefL, 0xfedcba9876543210L);

  public static void main(String[] args) throws Exception {
    if (args.length == 1 && args[0].equals("errors")) {
      errors();
    } else if (args.length == 1 && args[0].equals("vectors")) {
      vectors();
    } else {
      System.err.println("usage: JavaVectors vectors|errors");
      System.exit(2);
    }
    System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(OUT));
  }

  static void errors() {
    for (Errors e : Errors.values()) {
      ObjectNode n = OUT.addObject();
      n.put("code", e.code());
      n.put("name", e.name());
      n.put("retriable", e.exception() instanceof RetriableException);
      n.put("message", e.message());
    }
  }

  /** One message at one version: Kafka's bytes and Kafka's JSON view of it. */
  static void add(String api, String kind, String name, short version, Message m) throws Exception {
    ByteBuffer buf = MessageUtil.toByteBufferAccessor(m, version).buffer();
    byte[] bytes = new byte[buf.remaining()];
    buf.get(bytes);
    JsonNode json = (JsonNode) Class.forName(m.getClass().getName() + "JsonConverter")
        .getMethod("write", m.getClass(), short.class)
        .invoke(null, m, version);
    ObjectNode n = OUT.addObject();
    n.put("api", api);
    n.put("kind", kind);
    n.put("name", name);
    n.put("version", version);
    n.put("hex", HexFormat.of().formatHex(bytes));
    n.set("json", json);
  }

  static RawTaggedField unknownTag(int tag, String hex) {
    return new RawTaggedField(tag, HexFormat.of().parseHex(hex));
  }

  static void vectors() throws Exception {
    add("RequestHeader", "header", "client id", (short) 1, new RequestHeaderData().setRequestApiKey((short) 3).setRequestApiVersion((short) 6).setCorrelationId(7).setClientId("kafka-console"));
    add("RequestHeader", "header", "flexible, null client id", (short) 2, new RequestHeaderData().setRequestApiKey((short) 60).setRequestApiVersion((short) 2).setCorrelationId(-8).setClientId(null));
    add("ResponseHeader", "header", "v0", (short) 0, new ResponseHeaderData().setCorrelationId(99));
    add("ResponseHeader", "header", "v1", (short) 1, new ResponseHeaderData().setCorrelationId(100));

    // Metadata: a null topic list (all topics) in a non-flexible version, topic ids in a flexible one.
    add("Metadata", "request", "all topics", (short) 6, new MetadataRequestData().setTopics(null).setAllowAutoTopicCreation(false));
    MetadataRequestData mreq = new MetadataRequestData().setAllowAutoTopicCreation(false).setIncludeTopicAuthorizedOperations(true);
    mreq.topics().add(new MetadataRequestData.MetadataRequestTopic().setName("orders").setTopicId(Uuid.ZERO_UUID));
    mreq.topics().add(new MetadataRequestData.MetadataRequestTopic().setName(null).setTopicId(TOPIC_ID));
    add("Metadata", "request", "by name and id", (short) 12, mreq);
    for (short v : new short[] {6, 12, 13}) {
      MetadataResponseData mres = new MetadataResponseData().setClusterId("MkU3OEVBNTcwNTJENDM2Qg").setControllerId(2).setThrottleTimeMs(5);
      mres.brokers().add(new MetadataResponseData.MetadataResponseBroker().setNodeId(1).setHost("127.0.0.1").setPort(9092).setRack(null));
      mres.brokers().add(new MetadataResponseData.MetadataResponseBroker().setNodeId(2).setHost("broker-2.example").setPort(9093).setRack("rack-b"));
      MetadataResponseData.MetadataResponseTopic t = new MetadataResponseData.MetadataResponseTopic().setName("orders").setIsInternal(false).setErrorCode((short) 0);
      if (v >= 10) t.setTopicId(TOPIC_ID);
      if (v >= 8) t.setTopicAuthorizedOperations(-2147483648);
      t.partitions().add(new MetadataResponseData.MetadataResponsePartition().setPartitionIndex(0).setLeaderId(1).setLeaderEpoch(v >= 7 ? 4 : -1).setReplicaNodes(Arrays.asList(1, 2)).setIsrNodes(List.of(1)).setOfflineReplicas(List.of(2)).setErrorCode((short) 0));
      t.partitions().add(new MetadataResponseData.MetadataResponsePartition().setPartitionIndex(1).setLeaderId(-1).setLeaderEpoch(v >= 7 ? 0 : -1).setReplicaNodes(List.of(2)).setIsrNodes(List.of()).setOfflineReplicas(List.of(2)).setErrorCode((short) 5));
      mres.topics().add(t);
      if (v == 13) mres.setErrorCode((short) 0);
      add("Metadata", "response", "brokers and partitions", v, mres);
    }

    // DescribeCluster: nullable rack, a flexible-only API, and tagged fields Kafka does not define.
    DescribeClusterResponseData dc = new DescribeClusterResponseData().setClusterId("MkU3OEVBNTcwNTJENDM2Qg").setControllerId(1).setEndpointType((byte) 1).setErrorMessage(null);
    dc.brokers().add(new DescribeClusterResponseData.DescribeClusterBroker().setBrokerId(1).setHost("h1").setPort(1).setRack(null).setIsFenced(true));
    DescribeClusterResponseData.DescribeClusterBroker b2 = new DescribeClusterResponseData.DescribeClusterBroker().setBrokerId(2).setHost("h2").setPort(2).setRack("r");
    b2.unknownTaggedFields().add(unknownTag(7, "cafe"));
    dc.brokers().add(b2);
    dc.unknownTaggedFields().add(unknownTag(3, "01020304"));
    dc.unknownTaggedFields().add(unknownTag(200, ""));
    add("DescribeCluster", "response", "unknown tagged fields", (short) 2, dc);
    add("DescribeCluster", "request", "v1", (short) 1, new DescribeClusterRequestData().setIncludeClusterAuthorizedOperations(true).setEndpointType((byte) 2));

    // CreateTopics: non-flexible and flexible, with assignments and configs; a tagged field set in the answer.
    for (short v : new short[] {4, 7}) {
      CreateTopicsRequestData ct = new CreateTopicsRequestData().setTimeoutMs(10_000).setValidateOnly(true);
      CreateTopicsRequestData.CreatableTopic topic = new CreateTopicsRequestData.CreatableTopic().setName("payments").setNumPartitions(3).setReplicationFactor((short) 2);
      topic.configs().add(new CreateTopicsRequestData.CreatableTopicConfig().setName("cleanup.policy").setValue("compact"));
      topic.configs().add(new CreateTopicsRequestData.CreatableTopicConfig().setName("retention.ms").setValue(null));
      ct.topics().add(topic);
      CreateTopicsRequestData.CreatableTopic manual = new CreateTopicsRequestData.CreatableTopic().setName("manual").setNumPartitions(-1).setReplicationFactor((short) -1);
      manual.assignments().add(new CreateTopicsRequestData.CreatableReplicaAssignment().setPartitionIndex(0).setBrokerIds(List.of(1, 2)));
      ct.topics().add(manual);
      add("CreateTopics", "request", "configs and assignments", v, ct);
    }
    CreateTopicsResponseData ctr = new CreateTopicsResponseData().setThrottleTimeMs(0);
    CreateTopicsResponseData.CreatableTopicResult res = new CreateTopicsResponseData.CreatableTopicResult().setName("payments").setTopicId(TOPIC_ID).setErrorCode((short) 0).setErrorMessage(null).setTopicConfigErrorCode((short) 29).setNumPartitions(3).setReplicationFactor((short) 2);
    res.setConfigs(List.of(new CreateTopicsResponseData.CreatableTopicConfigs().setName("cleanup.policy").setValue("compact").setReadOnly(false).setConfigSource((byte) 1).setIsSensitive(false)));
    ctr.topics().add(res);
    ctr.topics().add(new CreateTopicsResponseData.CreatableTopicResult().setName("bad").setErrorCode((short) 36).setErrorMessage("Topic 'bad' already exists.").setNumPartitions(-1).setReplicationFactor((short) -1).setConfigs(null));
    add("CreateTopics", "response", "tagged TopicConfigErrorCode", (short) 7, ctr);

    // ApiVersions: features are tagged fields of v3+.
    for (short v : new short[] {0, 3, 4}) {
      ApiVersionsResponseData av = new ApiVersionsResponseData().setErrorCode((short) 0).setThrottleTimeMs(v >= 1 ? 3 : 0);
      av.apiKeys().add(new ApiVersionsResponseData.ApiVersion().setApiKey((short) 3).setMinVersion((short) 0).setMaxVersion((short) 13));
      av.apiKeys().add(new ApiVersionsResponseData.ApiVersion().setApiKey((short) 60).setMinVersion((short) 0).setMaxVersion((short) 2));
      if (v >= 3) {
        av.supportedFeatures().add(new ApiVersionsResponseData.SupportedFeatureKey().setName("metadata.version").setMinVersion((short) 7).setMaxVersion((short) 27));
        av.setFinalizedFeaturesEpoch(42L);
        av.finalizedFeatures().add(new ApiVersionsResponseData.FinalizedFeatureKey().setName("metadata.version").setMinVersionLevel((short) 27).setMaxVersionLevel((short) 27));
        av.setZkMigrationReady(true);
      }
      add("ApiVersions", "response", "features", v, av);
    }
    add("ApiVersions", "request", "client software", (short) 3, new ApiVersionsRequestData().setClientSoftwareName("kafka-console").setClientSoftwareVersion("0.1.0"));

    // Fetch: tagged structs (DivergingEpoch, CurrentLeader) and records as raw bytes.
    for (short v : new short[] {11, 12, 17}) {
      FetchResponseData fr = new FetchResponseData().setThrottleTimeMs(0).setErrorCode((short) 0).setSessionId(0);
      FetchResponseData.PartitionData p = new FetchResponseData.PartitionData().setPartitionIndex(0).setErrorCode((short) 0).setHighWatermark(100).setLastStableOffset(90).setLogStartOffset(0).setPreferredReadReplica(-1)
          .setAbortedTransactions(List.of(new FetchResponseData.AbortedTransaction().setProducerId(5000).setFirstOffset(12)))
          .setRecords(MemoryRecords.readableRecords(ByteBuffer.wrap(HexFormat.of().parseHex("00000000000000000000000c"))));
      if (v >= 12) {
        p.setDivergingEpoch(new FetchResponseData.EpochEndOffset().setEpoch(3).setEndOffset(77));
        p.setCurrentLeader(new FetchResponseData.LeaderIdAndEpoch().setLeaderId(2).setLeaderEpoch(9));
      }
      FetchResponseData.FetchableTopicResponse t = new FetchResponseData.FetchableTopicResponse().setPartitions(List.of(p, new FetchResponseData.PartitionData().setPartitionIndex(1).setErrorCode((short) 1).setHighWatermark(-1).setAbortedTransactions(null).setRecords(null)));
      if (v >= 13) t.setTopicId(TOPIC_ID);
      else t.setTopic("orders");
      fr.setResponses(List.of(t));
      if (v >= 16) fr.nodeEndpoints().add(new FetchResponseData.NodeEndpoint().setNodeId(2).setHost("h2").setPort(9093).setRack(null));
      add("Fetch", "response", "tagged structs and records", v, fr);
    }
    FetchRequestData freq = new FetchRequestData().setReplicaId(-1).setMaxWaitMs(500).setMinBytes(1).setMaxBytes(52428800).setIsolationLevel((byte) 1).setSessionId(0).setSessionEpoch(-1).setRackId("");
    freq.setTopics(List.of(new FetchRequestData.FetchTopic().setTopicId(TOPIC_ID).setPartitions(List.of(new FetchRequestData.FetchPartition().setPartition(0).setCurrentLeaderEpoch(-1).setFetchOffset(12345678901L).setLastFetchedEpoch(-1).setLogStartOffset(-1).setPartitionMaxBytes(1048576)))));
    add("Fetch", "request", "by topic id", (short) 13, freq);

    // ListOffsets, DescribeQuorum, ConsumerGroupDescribe, IncrementalAlterConfigs, OffsetCommit.
    ListOffsetsRequestData lo = new ListOffsetsRequestData().setReplicaId(-1).setIsolationLevel((byte) 1).setTimeoutMs(5000);
    lo.setTopics(List.of(new ListOffsetsRequestData.ListOffsetsTopic().setName("orders").setPartitions(List.of(new ListOffsetsRequestData.ListOffsetsPartition().setPartitionIndex(2).setTimestamp(-2).setCurrentLeaderEpoch(-1)))));
    add("ListOffsets", "request", "earliest", (short) 10, lo);
    ListOffsetsResponseData lor = new ListOffsetsResponseData().setThrottleTimeMs(0);
    lor.setTopics(List.of(new ListOffsetsResponseData.ListOffsetsTopicResponse().setName("orders").setPartitions(List.of(new ListOffsetsResponseData.ListOffsetsPartitionResponse().setPartitionIndex(2).setErrorCode((short) 0).setTimestamp(-1).setOffset(Long.MAX_VALUE).setLeaderEpoch(3)))));
    add("ListOffsets", "response", "int64 max", (short) 10, lor);
    lor.topics().get(0).partitions().get(0).setLeaderEpoch(-1);
    add("ListOffsets", "response", "int64 max", (short) 1, lor);

    DescribeQuorumResponseData dq = new DescribeQuorumResponseData().setErrorCode((short) 0).setErrorMessage(null);
    DescribeQuorumResponseData.PartitionData qp = new DescribeQuorumResponseData.PartitionData().setPartitionIndex(0).setErrorCode((short) 0).setErrorMessage(null).setLeaderId(3000).setLeaderEpoch(2).setHighWatermark(1234);
    qp.setCurrentVoters(List.of(new DescribeQuorumResponseData.ReplicaState().setReplicaId(3000).setReplicaDirectoryId(TOPIC_ID).setLogEndOffset(1234).setLastFetchTimestamp(1700000000000L).setLastCaughtUpTimestamp(1700000000001L)));
    qp.setObservers(List.of(new DescribeQuorumResponseData.ReplicaState().setReplicaId(1).setLogEndOffset(1200)));
    dq.setTopics(List.of(new DescribeQuorumResponseData.TopicData().setTopicName("__cluster_metadata").setPartitions(List.of(qp))));
    dq.nodes().add(new DescribeQuorumResponseData.Node().setNodeId(3000).setListeners(new DescribeQuorumResponseData.ListenerCollection(List.of(new DescribeQuorumResponseData.Listener().setName("CONTROLLER").setHost("localhost").setPort(9999)).iterator())));
    add("DescribeQuorum", "response", "voters and nodes", (short) 2, dq);

    ConsumerGroupDescribeResponseData cg = new ConsumerGroupDescribeResponseData().setThrottleTimeMs(0);
    ConsumerGroupDescribeResponseData.Assignment asg = new ConsumerGroupDescribeResponseData.Assignment().setTopicPartitions(List.of(new ConsumerGroupDescribeResponseData.TopicPartitions().setTopicId(TOPIC_ID).setTopicName("orders").setPartitions(List.of(0, 1))));
    cg.setGroups(List.of(new ConsumerGroupDescribeResponseData.DescribedGroup().setGroupId("g").setGroupState("Stable").setGroupEpoch(3).setAssignmentEpoch(3).setAssignorName("uniform")
        .setMembers(List.of(new ConsumerGroupDescribeResponseData.Member().setMemberId("m1").setInstanceId(null).setRackId("r1").setMemberEpoch(3).setClientId("c").setClientHost("/127.0.0.1").setSubscribedTopicNames(List.of("orders")).setSubscribedTopicRegex(null).setAssignment(asg).setTargetAssignment(new ConsumerGroupDescribeResponseData.Assignment()).setMemberType((byte) 1)))));
    add("ConsumerGroupDescribe", "response", "a member", (short) 1, cg);

    for (short v : new short[] {0, 1}) {
      IncrementalAlterConfigsRequestData ia = new IncrementalAlterConfigsRequestData().setValidateOnly(true);
      IncrementalAlterConfigsRequestData.AlterConfigsResource r = new IncrementalAlterConfigsRequestData.AlterConfigsResource().setResourceType((byte) 2).setResourceName("orders");
      r.configs().add(new IncrementalAlterConfigsRequestData.AlterableConfig().setName("retention.ms").setConfigOperation((byte) 0).setValue("1000"));
      r.configs().add(new IncrementalAlterConfigsRequestData.AlterableConfig().setName("cleanup.policy").setConfigOperation((byte) 1).setValue(null));
      ia.resources().add(r);
      add("IncrementalAlterConfigs", "request", "set and delete", v, ia);
    }

    OffsetCommitRequestData oc = new OffsetCommitRequestData().setGroupId("g").setGenerationIdOrMemberEpoch(-1).setMemberId("").setGroupInstanceId(null);
    oc.setTopics(List.of(new OffsetCommitRequestData.OffsetCommitRequestTopic().setName("orders").setPartitions(List.of(new OffsetCommitRequestData.OffsetCommitRequestPartition().setPartitionIndex(0).setCommittedOffset(42).setCommittedLeaderEpoch(-1).setCommittedMetadata(null)))));
    add("OffsetCommit", "request", "admin commit", (short) 7, oc);
    add("OffsetCommit", "request", "admin commit", (short) 9, oc);
  }
}
