using System.Text;
using System.Text.Json;

namespace NangSuat.Trace.Api.Tests.Fuzzing;

/// <summary>
/// A JSON tree that can hold what System.Text.Json will not write: duplicate keys, lone surrogates
/// (as \ud800 escapes), numbers beyond double, malformed tokens and raw invalid UTF-8 bytes.
/// </summary>
public abstract record J
{
    public byte[] ToBytes()
    {
        using var bytes = new MemoryStream();
        Write(bytes);
        return bytes.ToArray();
    }

    public abstract void Write(MemoryStream output);

    public static J From(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new JObject([.. element.EnumerateObject().Select(p => new KeyValuePair<string, J>(p.Name, From(p.Value)))]),
        JsonValueKind.Array => new JArray([.. element.EnumerateArray().Select(From)]),
        JsonValueKind.String => new JString(element.GetString()!),
        _ => new JRaw(element.GetRawText()),
    };

    /// <summary>Every node's path: indexes into object properties and array items, the root's empty.</summary>
    public static List<int[]> Paths(J root)
    {
        var paths = new List<int[]>();
        void Walk(J node, int[] path)
        {
            paths.Add(path);
            var children = node switch { JObject o => o.Properties.Select(p => p.Value).ToList(), JArray a => a.Items.ToList(), _ => [] };
            for (var i = 0; i < children.Count; i++)
            {
                Walk(children[i], [.. path, i]);
            }
        }

        Walk(root, []);
        return paths;
    }

    public static J At(J node, int[] path) => path.Aggregate(node, (n, i) => n switch { JObject o => o.Properties[i].Value, JArray a => a.Items[i], _ => n });

    /// <summary>Rebuilds the tree with the node at the path replaced, or removed when the change gives null.</summary>
    public static J Replace(J node, int[] path, int depth, Func<J, J?> change)
    {
        if (depth == path.Length)
        {
            return change(node) ?? node;
        }

        var index = path[depth];
        var last = depth == path.Length - 1;
        switch (node)
        {
            case JObject o:
                var properties = o.Properties.ToList();
                var replaced = last ? change(properties[index].Value) : Replace(properties[index].Value, path, depth + 1, change);
                if (replaced is null)
                {
                    properties.RemoveAt(index);
                }
                else
                {
                    properties[index] = new(properties[index].Key, replaced);
                }

                return new JObject(properties);
            case JArray a:
                var items = a.Items.ToList();
                var item = last ? change(items[index]) : Replace(items[index], path, depth + 1, change);
                if (item is null)
                {
                    items.RemoveAt(index);
                }
                else
                {
                    items[index] = item;
                }

                return new JArray(items);
            default:
                return node;
        }
    }

    protected static void Text(MemoryStream output, string text) => output.Write(Encoding.UTF8.GetBytes(text));
}

public sealed record JObject(IReadOnlyList<KeyValuePair<string, J>> Properties) : J
{
    public override void Write(MemoryStream output)
    {
        output.WriteByte((byte)'{');
        for (var i = 0; i < Properties.Count; i++)
        {
            if (i > 0)
            {
                output.WriteByte((byte)',');
            }

            JString.WriteString(output, Properties[i].Key);
            output.WriteByte((byte)':');
            Properties[i].Value.Write(output);
        }

        output.WriteByte((byte)'}');
    }

    public J? this[string key] => Properties.FirstOrDefault(p => p.Key == key).Value;
}

public sealed record JArray(IReadOnlyList<J> Items) : J
{
    public override void Write(MemoryStream output)
    {
        output.WriteByte((byte)'[');
        for (var i = 0; i < Items.Count; i++)
        {
            if (i > 0)
            {
                output.WriteByte((byte)',');
            }

            Items[i].Write(output);
        }

        output.WriteByte((byte)']');
    }
}

public sealed record JString(string Value) : J
{
    public override void Write(MemoryStream output) => WriteString(output, Value);

    public static void WriteString(MemoryStream output, string value)
    {
        var text = new StringBuilder("\"");
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var paired = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);
            if (paired)
            {
                text.Append(c).Append(value[++i]);
            }
            else if (c is '"' or '\\')
            {
                text.Append('\\').Append(c);
            }
            else if (c < 0x20 || char.IsSurrogate(c))
            {
                text.Append($"\\u{(int)c:x4}");
            }
            else
            {
                text.Append(c);
            }
        }

        Text(output, text.Append('"').ToString());
    }
}

/// <summary>Written as is: numbers, literals, and tokens that are not JSON at all.</summary>
public sealed record JRaw(string Token) : J
{
    public override void Write(MemoryStream output) => Text(output, Token);
}

/// <summary>Raw bytes, for strings that are not UTF-8.</summary>
public sealed record JBytes(byte[] Raw) : J
{
    public override void Write(MemoryStream output) => output.Write(Raw);

    public bool Equals(JBytes? other) => other is not null && Raw.AsSpan().SequenceEqual(other.Raw);

    public override int GetHashCode() => Raw.Length;
}
