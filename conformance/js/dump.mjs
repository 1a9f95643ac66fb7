// Reads Arrow IPC files or streams with Apache Arrow JS and prints their content as "canonical
// JSON", a value-level form that the Java side (dev.lightstream.conformance.CanonicalJson)
// produces too from Lightstream's own reading, so that the two can be compared exactly.
//
//   node dump.mjs INPUT...        one canonical document per input, as a JSON array, on stdout
//   node dump.mjs --rewrite IN OUT reads IN with Arrow JS and writes it back as an IPC stream
//
// Exit status 0, or 1 with one line on stderr when Arrow JS cannot read an input.
//
// The canonical form (kept in step with CanonicalJson.java):
//   document = {"schema": {"fields": [field...], "metadata": {key: value}},
//               "batches": [{"count": n, "columns": [[value...]...]}...]}
//   field    = {"name", "nullable", "type": "int32" | "decimal128(10,2)" | "timestamp[us,UTC]" ...,
//               "metadata": {...}, "children": [field...], and for a dictionary-encoded field
//               "dictionary": {"id", "indexType", "ordered"} with "type" the value type}
//   values   : null; booleans; 8- to 32-bit integers, date32, time32, interval[year_month] as
//              numbers; 64-bit integers, date64, time64, timestamps, durations and decimals
//              (unscaled) as decimal strings; floats as "0x" + their bits in hex, any NaN as
//              "NaN"; binary as upper-case hex; text as a string; lists as arrays; structs as
//              arrays of their children's values; maps as arrays of [key, value]; unions as
//              {"type_id", "value"}; interval[day_time] as [days, ms]; interval[month_day_nano]
//              as [months, days, "nanos"]; dictionary-encoded values as the value they index.
// Metadata keys are sorted. Extension types appear as their storage type with their
// ARROW:extension:* field metadata (Arrow JS keeps them so).

import { readFileSync, writeFileSync } from 'node:fs';
import { RecordBatchReader, RecordBatchStreamWriter, Type, DataType } from 'apache-arrow';

const TIME_UNITS = ['s', 'ms', 'us', 'ns'];
const INTERVAL_UNITS = ['year_month', 'day_time', 'month_day_nano'];
const utf8 = new TextDecoder('utf-8');

function metadata(map) {
    const out = {};
    for (const key of [...map.keys()].sort()) {
        out[key] = map.get(key);
    }
    return out;
}

function intName(t) {
    return (t.isSigned ? 'int' : 'uint') + t.bitWidth;
}

function typeName(t) {
    switch (t.typeId) {
        case Type.Null: return 'null';
        case Type.Bool: return 'bool';
        case Type.Int: return intName(t);
        case Type.Float: return ['float16', 'float32', 'float64'][t.precision];
        case Type.Utf8: return 'utf8';
        case Type.LargeUtf8: return 'large_utf8';
        case Type.Binary: return 'binary';
        case Type.LargeBinary: return 'large_binary';
        case Type.Utf8View: return 'utf8_view';
        case Type.BinaryView: return 'binary_view';
        case Type.FixedSizeBinary: return `fixed_size_binary[${t.byteWidth}]`;
        case Type.Decimal: return `decimal${t.bitWidth}(${t.precision},${t.scale})`;
        case Type.Date: return t.unit === 0 ? 'date32' : 'date64';
        case Type.Time: return `time${t.bitWidth}[${TIME_UNITS[t.unit]}]`;
        case Type.Timestamp: return `timestamp[${TIME_UNITS[t.unit]},${t.timezone ?? ''}]`;
        case Type.Duration: return `duration[${TIME_UNITS[t.unit]}]`;
        case Type.Interval: return `interval[${INTERVAL_UNITS[t.unit]}]`;
        case Type.List: return 'list';
        case Type.LargeList: return 'large_list';
        case Type.FixedSizeList: return `fixed_size_list[${t.listSize}]`;
        case Type.Struct: return 'struct';
        case Type.Map: return t.keysSorted ? 'map[sorted]' : 'map';
        case Type.Union: return `${t.mode === 0 ? 'sparse' : 'dense'}_union[${[...t.typeIds].join(',')}]`;
        default: throw new Error(`no canonical name for type ${t} (type id ${t.typeId})`);
    }
}

function field(f) {
    const out = { name: f.name, nullable: f.nullable };
    let t = f.type;
    if (DataType.isDictionary(t)) {
        out.dictionary = { id: Number(t.id), indexType: intName(t.indices), ordered: t.isOrdered };
        t = t.dictionary;
    }
    out.type = typeName(t);
    out.metadata = metadata(f.metadata);
    out.children = (t.children ?? []).map(field);
    return out;
}

function isValid(data, i) {
    if (data.typeId === Type.Null) {
        return false;
    }
    const bitmap = data.nullBitmap;
    if (!bitmap || bitmap.length === 0) {
        return true;
    }
    const j = data.offset + i;
    return ((bitmap[j >> 3] >> (j & 7)) & 1) === 1;
}

function hex(bytes) {
    let s = '';
    for (const b of bytes) {
        s += b.toString(16).padStart(2, '0');
    }
    return s.toUpperCase();
}

function floatBits(data, j) {
    const v = data.values;
    switch (data.type.precision) {
        case 0: {
            const bits = v[j];
            const nan = (bits & 0x7c00) === 0x7c00 && (bits & 0x03ff) !== 0;
            return nan ? 'NaN' : '0x' + bits.toString(16).padStart(4, '0');
        }
        case 1: {
            if (Number.isNaN(v[j])) return 'NaN';
            return '0x' + new Uint32Array(v.buffer, v.byteOffset + 4 * j, 1)[0].toString(16).padStart(8, '0');
        }
        default: {
            if (Number.isNaN(v[j])) return 'NaN';
            return '0x' + new BigUint64Array(v.buffer.slice(v.byteOffset + 8 * j, v.byteOffset + 8 * j + 8))[0]
                .toString(16).padStart(16, '0');
        }
    }
}

/** A two's-complement little-endian integer of `words` 32-bit words as a decimal string. */
function wordsToString(u32, start, words) {
    let n = 0n;
    for (let k = words - 1; k >= 0; k--) {
        n = (n << 32n) | BigInt(u32[start + k] >>> 0);
    }
    const bits = BigInt(32 * words);
    if (n >> (bits - 1n)) {
        n -= 1n << bits;
    }
    return n.toString();
}

/** Offsets j and j+1, checked against `limit` so that garbage (a misread file) fails fast. */
function range(valueOffsets, j, limit) {
    const a = Number(valueOffsets[j]);
    const b = Number(valueOffsets[j + 1]);
    if (!(a >= 0 && a <= b && b <= limit)) {
        throw new Error(`offsets [${a}, ${b}) of slot ${j} are outside 0..${limit}`);
    }
    return [a, b];
}

function views(data, j) {
    const v = data.values;
    const view = new DataView(v.buffer, v.byteOffset + 16 * j, 16);
    const size = view.getInt32(0, true);
    if (size <= 12) {
        return v.subarray(16 * j + 4, 16 * j + 4 + size);
    }
    const buffer = data.variadicBuffers[view.getInt32(8, true)];
    const start = view.getInt32(12, true);
    if (!buffer || start < 0 || start + size > buffer.length) {
        throw new Error(`view ${j} points outside its data buffer`);
    }
    return buffer.subarray(start, start + size);
}

/** The canonical value of slot i of `data` (i counted from data.offset). */
function value(data, i) {
    const t = data.type;
    if (t.typeId !== Type.Union && !isValid(data, i)) {
        return null;
    }
    const j = data.offset + i;
    if (DataType.isDictionary(t)) {
        return dictionaryValue(data.dictionary, Number(data.values[j]));
    }
    switch (t.typeId) {
        case Type.Bool: return ((data.values[j >> 3] >> (j & 7)) & 1) === 1;
        case Type.Int: return t.bitWidth === 64 ? data.values[j].toString() : data.values[j];
        case Type.Float: return floatBits(data, j);
        case Type.Decimal: {
            const words = t.bitWidth / 32;
            return wordsToString(data.values, j * words, words);
        }
        case Type.Date: return t.unit === 0 ? data.values[j] : data.values[j].toString();
        case Type.Time: return t.bitWidth === 32 ? data.values[j] : data.values[j].toString();
        case Type.Timestamp:
        case Type.Duration: return data.values[j].toString();
        case Type.Interval: {
            const v = data.values;
            switch (t.unit) {
                case 0: return v[j];
                case 1: return [v[2 * j], v[2 * j + 1]];
                default: return [v[4 * j], v[4 * j + 1], wordsToString(v, 4 * j + 2, 2)];
            }
        }
        case Type.Utf8:
        case Type.LargeUtf8: {
            const [a, b] = range(data.valueOffsets, j, data.values.length);
            return utf8.decode(data.values.subarray(a, b));
        }
        case Type.Binary:
        case Type.LargeBinary: {
            const [a, b] = range(data.valueOffsets, j, data.values.length);
            return hex(data.values.subarray(a, b));
        }
        case Type.FixedSizeBinary: return hex(data.values.subarray(j * t.byteWidth, (j + 1) * t.byteWidth));
        case Type.Utf8View: return utf8.decode(views(data, j));
        case Type.BinaryView: return hex(views(data, j));
        case Type.List:
        case Type.LargeList: {
            const [a, b] = range(data.valueOffsets, j, data.children[0].offset + data.children[0].length);
            const out = [];
            for (let k = a; k < b; k++) out.push(value(data.children[0], k - data.children[0].offset));
            return out;
        }
        case Type.FixedSizeList: {
            const out = [];
            for (let k = 0; k < t.listSize; k++) out.push(value(data.children[0], j * t.listSize + k - data.children[0].offset));
            return out;
        }
        case Type.Map: {
            const entries = data.children[0];
            const [a, b] = range(data.valueOffsets, j, entries.offset + entries.length);
            const out = [];
            for (let k = a; k < b; k++) {
                const e = k - entries.offset;
                out.push([value(entries.children[0], e + entries.offset - entries.children[0].offset),
                    value(entries.children[1], e + entries.offset - entries.children[1].offset)]);
            }
            return out;
        }
        case Type.Struct: return data.children.map((child) => value(child, j - child.offset));
        case Type.Union: {
            const typeId = data.typeIds[j];
            const child = data.children[t.typeIdToChildIndex[typeId]];
            const at = t.mode === 0 ? j : data.valueOffsets[j];
            return { type_id: typeId, value: value(child, at - child.offset) };
        }
        default: throw new Error(`no canonical values for type ${t}`);
    }
}

function dictionaryValue(vector, index) {
    if (!vector) {
        throw new Error('a dictionary-encoded column without its dictionary');
    }
    let base = 0;
    for (const chunk of vector.data) {
        if (index < base + chunk.length) {
            return value(chunk, index - base);
        }
        base += chunk.length;
    }
    throw new Error(`dictionary index ${index} is outside its ${base} values`);
}

function canonical(bytes) {
    const reader = RecordBatchReader.from(bytes);
    reader.open();
    const doc = { schema: { fields: reader.schema.fields.map(field), metadata: metadata(reader.schema.metadata) },
        batches: [] };
    for (const batch of reader) {
        // Arrow JS hands out one empty placeholder batch for an input that has none.
        if (batch.constructor.name === '_InternalEmptyPlaceholderRecordBatch') {
            continue;
        }
        const columns = batch.data.children.map((data) => {
            const out = [];
            for (let i = 0; i < data.length; i++) out.push(value(data, i));
            return out;
        });
        doc.batches.push({ count: batch.numRows, columns });
    }
    return doc;
}

function main(args) {
    if (args[0] === '--rewrite') {
        const reader = RecordBatchReader.from(readFileSync(args[1]));
        reader.open();
        const writer = new RecordBatchStreamWriter();
        writer.reset(undefined, reader.schema);
        for (const batch of reader) writer.write(batch);
        writer.finish();
        writeFileSync(args[2], writer.toUint8Array(true));
        return;
    }
    const docs = args.map((path) => canonical(readFileSync(path)));
    process.stdout.write(JSON.stringify(docs) + '\n');
}

try {
    main(process.argv.slice(2));
} catch (e) {
    process.stderr.write(`dump.mjs: ${e && e.message ? e.message : e}\n`);
    process.exit(1);
}
