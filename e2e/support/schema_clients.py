"""
The independent client the schema tests check the console against: Confluent's Python
client (confluent-kafka) with its AvroSerializer, ProtobufSerializer and JSONSerializer and
their deserializers, against the test run's schema registry.

Reads one JSON command on stdin, prints one JSON answer on stdout:
  {"op": "produce", "bootstrap", "registry", "topic", "format": "avro"|"protobuf"|"json",
   "schema": text (avro/json) or .proto text, "message": protobuf message name,
   "records": [{"key": str|null, "value": JSON}]}           -> {"ids": [schema id per record]}
  {"op": "consume", "bootstrap", "registry", "topic", "format", "count",
   "schema"/"message" (protobuf: the .proto the classes are generated from)}
                                                            -> {"records": [{"offset", "partition", "value"}]}
Values are printed as JSON: integers beyond 2^53 as decimal text, Avro decimals as plain text, bytes as base64, dates, times and
timestamps in ISO 8601 (milliseconds unless the value has a finer part); Protobuf as
MessageToDict gives it (the canonical proto3 JSON).
"""
import base64
import datetime
import decimal
import faulthandler
import importlib
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid

from confluent_kafka import OFFSET_BEGINNING, Consumer, Producer, TopicPartition
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.serialization import MessageField, SerializationContext, StringSerializer


def to_json(v):
    if isinstance(v, dict):
        return {k: to_json(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [to_json(x) for x in v]
    if isinstance(v, int) and not isinstance(v, bool) and abs(v) > 2**53 - 1:
        return str(v)  # as the console sends longs JSON numbers cannot hold exactly
    if isinstance(v, decimal.Decimal):
        return format(v, "f")
    if isinstance(v, (bytes, bytearray)):
        return base64.b64encode(bytes(v)).decode()
    if isinstance(v, uuid.UUID):
        return str(v)
    if isinstance(v, datetime.datetime):
        spec = "milliseconds" if v.microsecond % 1000 == 0 else "microseconds"
        if v.tzinfo is not None:
            return v.astimezone(datetime.timezone.utc).replace(tzinfo=None).isoformat(timespec=spec) + "Z"
        return v.isoformat(timespec=spec)
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, datetime.time):
        return v.isoformat(timespec="milliseconds" if v.microsecond % 1000 == 0 else "microseconds")
    return v


def proto_module(proto_text):
    """Generates the Python classes of a .proto with protoc (grpcio-tools) and imports them."""
    d = tempfile.mkdtemp(prefix="schema-clients-")
    with open(os.path.join(d, "schema_test.proto"), "w") as f:
        f.write(proto_text)
    import grpc_tools

    include = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")
    subprocess.run(
        [sys.executable, "-m", "grpc_tools.protoc", f"-I{d}", f"-I{include}", f"--python_out={d}", "schema_test.proto"],
        check=True,
    )
    sys.path.insert(0, d)
    return importlib.import_module("schema_test_pb2")


def find_class(module, full_name):
    pkg = module.DESCRIPTOR.package
    rel = full_name[len(pkg) + 1 :] if pkg and full_name.startswith(pkg + ".") else full_name
    cls = module
    for part in rel.split("."):
        cls = getattr(cls, part)
    return cls


# Subjects are {topic}-key and {topic}-value, as the console names them. Left unset, confluent-kafka
# 2.16 first asks the registry for the topic's "associations" (a Confluent endpoint), a request
# Apicurio left unanswered in CI until the command timed out.
TOPIC_NAMES = {"subject.name.strategy.type": "TOPIC"}


def serializer(cmd, client):
    fmt = cmd["format"]
    if fmt == "avro":
        from confluent_kafka.schema_registry.avro import AvroSerializer

        return AvroSerializer(client, cmd["schema"], conf=TOPIC_NAMES), lambda v: v
    if fmt == "json":
        from confluent_kafka.schema_registry.json_schema import JSONSerializer

        return JSONSerializer(cmd["schema"], client, conf=TOPIC_NAMES), lambda v: v
    from google.protobuf import json_format
    from confluent_kafka.schema_registry.protobuf import ProtobufSerializer

    cls = find_class(proto_module(cmd["schema"]), cmd["message"])
    return ProtobufSerializer(cls, client, {"use.deprecated.format": False, **TOPIC_NAMES}), lambda v: json_format.ParseDict(v, cls())


def deserializer(cmd, client):
    fmt = cmd["format"]
    if fmt == "avro":
        from confluent_kafka.schema_registry.avro import AvroDeserializer

        return AvroDeserializer(client, conf=TOPIC_NAMES), to_json
    if fmt == "json":
        from confluent_kafka.schema_registry.json_schema import JSONDeserializer

        # No schema given: the deserializer fetches the writer's schema by the record's id.
        return JSONDeserializer(None, schema_registry_client=client, conf=TOPIC_NAMES), to_json
    from google.protobuf import json_format
    from confluent_kafka.schema_registry.protobuf import ProtobufDeserializer

    cls = find_class(proto_module(cmd["schema"]), cmd["message"])
    return ProtobufDeserializer(cls, {"use.deprecated.format": False, **TOPIC_NAMES}), lambda m: json_format.MessageToDict(m)


def convert(value):
    """Avro values as Python's AvroSerializer takes them: fields named in __convert__ made Decimal, datetime, date or UUID."""
    if not isinstance(value, dict) or "__convert__" not in value:
        return value
    out = dict(value)
    for field, kind in out.pop("__convert__").items():
        v = out[field]
        if kind == "decimal":
            out[field] = decimal.Decimal(v)
        elif kind == "datetime":
            out[field] = datetime.datetime.fromisoformat(v.replace("Z", "+00:00"))
        elif kind == "date":
            out[field] = datetime.date.fromisoformat(v)
        elif kind == "int":
            out[field] = int(v)
        elif kind == "uuid":
            out[field] = uuid.UUID(v)
    return out


def produce(cmd):
    client = SchemaRegistryClient({"url": cmd["registry"], "timeout": 10})
    ser, build = serializer(cmd, client)
    keys = StringSerializer("utf_8")
    producer = Producer({"bootstrap.servers": cmd["bootstrap"]})
    ids = []
    for r in cmd["records"]:
        ctx = SerializationContext(cmd["topic"], MessageField.VALUE)
        value = ser(build(convert(r["value"])), ctx)
        ids.append(int.from_bytes(value[1:5], "big"))
        producer.produce(cmd["topic"], key=None if r.get("key") is None else keys(r["key"]), value=value)
    if producer.flush(30) != 0:
        raise SystemExit("records not delivered within 30 s")
    return {"ids": ids}


def consume(cmd):
    """The first `count` records of every partition of the topic, from the beginning.

    Partitions are assigned directly: a group subscription to a topic its first broker has not
    heard of yet waits for the next metadata refresh (five minutes by default)."""
    client = SchemaRegistryClient({"url": cmd["registry"], "timeout": 10})
    de, out = deserializer(cmd, client)
    consumer = Consumer({"bootstrap.servers": cmd["bootstrap"], "group.id": f"schema-clients-{uuid.uuid4()}", "enable.auto.commit": False})
    deadline = time.monotonic() + 45
    partitions = []
    while not partitions and time.monotonic() < deadline:
        topic = consumer.list_topics(cmd["topic"], timeout=5).topics.get(cmd["topic"])
        if topic is not None and topic.error is None and all(p.leader >= 0 for p in topic.partitions.values()):
            partitions = sorted(topic.partitions)
        else:
            time.sleep(0.2)
    if not partitions:
        raise SystemExit(f"topic {cmd['topic']} has no partitions with a leader after 45 s")
    consumer.assign([TopicPartition(cmd["topic"], p, OFFSET_BEGINNING) for p in partitions])
    records = []
    last_error = None
    while len(records) < cmd["count"] and time.monotonic() < deadline:
        m = consumer.poll(1.0)
        if m is None:
            continue
        if m.error():
            last_error = m.error()
            continue
        value = de(m.value(), SerializationContext(m.topic(), MessageField.VALUE))
        records.append({"partition": m.partition(), "offset": m.offset(), "value": out(value)})
    consumer.close()
    if len(records) < cmd["count"]:
        raise SystemExit(f"read {len(records)} of {cmd['count']} records from {cmd['topic']} within 45 s (last error: {last_error})")
    return {"records": records}


if __name__ == "__main__":
    # A command that hangs prints where every thread is and exits, instead of running into the
    # calling test's timeout without a word (consume gives up on its own after 45 s).
    faulthandler.dump_traceback_later(55, exit=True)
    cmd = json.load(sys.stdin)
    print(json.dumps({"produce": produce, "consume": consume}[cmd["op"]](cmd)))
