using System.Buffers;
using System.Text;
using NangSuat.Trace.Gs1.Syntax;

namespace NangSuat.Trace.Gs1;

/// <summary>
/// The one reader of GS1 Digital Link URIs (GS1 Digital Link URI Syntax, with the checks of GS1's
/// syntax engine): uncompressed, fully or partly compressed, any primary key of the dictionary.
/// </summary>
internal static class DigitalLinkParser
{
    // A resolver prefix plus every AI a link can carry fits many times over; the bound keeps a hostile path cheap.
    private const int MaxSegments = 256;

    // RFC 3986 unreserved and reserved characters and the '%' of an encoding; anything else must be percent-encoded.
    private static readonly SearchValues<char> UriCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%");

    // URI characters that a host name may not hold (GS1 syntax engine).
    private static readonly SearchValues<char> BadHostCharacters = SearchValues.Create("_~?#@!$&'()*+,;=%");

    public static Gs1Result<DigitalLinkUri> Parse(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return Fail(Gs1Problem.Required("uri"));
        }

        var (begin, end) = (0, input.Length);
        while (char.IsWhiteSpace(input[begin]))
        {
            begin++;
        }

        while (char.IsWhiteSpace(input[end - 1]))
        {
            end--;
        }

        var fragment = input.IndexOf('#', begin, end - begin);
        end = fragment < 0 ? end : fragment;
        var question = input.IndexOf('?', begin, end - begin);
        var pathEnd = question < 0 ? end : question;
        var pathStart = begin;
        var scheme = input.AsSpan(begin, pathEnd - begin).IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            if (Host(input, begin, scheme, pathEnd, out pathStart) is { } problem)
            {
                return Fail(problem);
            }
        }
        else if (input[begin] != '/')
        {
            return Fail(new Gs1Problem("uri", Gs1Rule.NotAUri,
                "not a web address: expected https://host/01/… or a path starting with /",
                "không phải địa chỉ web: cần dạng https://tên-miền/01/… hoặc đường dẫn bắt đầu bằng /"));
        }

        if (pathEnd > pathStart && input[pathEnd - 1] == '/')
        {
            pathEnd--; // tolerate one trailing slash
        }

        var path = input.AsSpan(pathStart, pathEnd - pathStart);
        var count = path.Count('/');
        if (count > MaxSegments)
        {
            return Fail(TooMany("path", $"{count} path segments", $"{count} đoạn đường dẫn"));
        }

        Span<Range> segments = count <= 16 ? stackalloc Range[16] : new Range[count];
        for (int at = 0, n = 0; at < path.Length; n++)
        {
            var next = path[(at + 1)..].IndexOf('/');
            var stop = next < 0 ? path.Length : at + 1 + next;
            segments[n] = new Range(pathStart + at + 1, pathStart + stop);
            at = stop;
        }

        segments = segments[..count];
        var link = new Link(input);
        try
        {
            return Read(ref link, segments, begin, question < 0 ? -1 : question + 1, end);
        }
        finally
        {
            link.Release();
        }
    }

    private static Gs1Result<DigitalLinkUri> Read(ref Link link, ReadOnlySpan<Range> segments, int begin, int query, int end)
    {
        var input = link.Input;
        var count = segments.Length;
        var key = KeyFromEnd(input, segments, count);
        if (key < 0 && count > 0 && CompressedDigitalLink.LooksCompressed(input.AsSpan()[segments[^1]]))
        {
            key = KeyFromEnd(input, segments, count - 1);
            link.Compression = key >= 0 ? DigitalLinkCompression.Partial
                : FirstKey(input, segments) < 0 ? DigitalLinkCompression.Full : DigitalLinkCompression.None;
        }

        if (key < 0 && link.Compression == DigitalLinkCompression.None)
        {
            // Not a well-formed link: read from the first primary key on, to say what is wrong after it.
            key = FirstKey(input, segments);
            if (key < 0)
            {
                return Fail(new Gs1Problem("path", Gs1Rule.MissingPrimaryKey,
                    "the path has no GTIN or other Digital Link primary key: it should contain /01/ followed by 8, 12, 13 or 14 digits, or another key such as /00/, /414/ or /8004/",
                    "đường dẫn không có GTIN hay khóa chính Digital Link nào khác: phải chứa /01/ và sau đó 8, 12, 13 hoặc 14 chữ số, hoặc một khóa khác như /00/, /414/ hay /8004/"));
            }
        }

        var stemEnd = (link.Compression == DigitalLinkCompression.Full ? segments[^1] : segments[key]).Start.Value - 1;
        link.Stem = input[begin..stemEnd];
        if (link.Compression != DigitalLinkCompression.Full)
        {
            ReadPath(ref link, segments[key..(link.Compression == DigitalLinkCompression.None ? count : count - 1)]);
        }

        if (link.Compression != DigitalLinkCompression.None)
        {
            ReadCompressed(ref link, segments[^1]);
        }

        if (query >= 0 && link.KeyDefinition is not null)
        {
            ReadQuery(ref link, query, end);
        }

        return link.Finish();
    }

    private static Gs1Problem? Host(string input, int begin, int scheme, int pathEnd, out int pathStart)
    {
        var name = input.AsSpan(begin, scheme);
        var hostStart = begin + scheme + 3;
        var slash = input.IndexOf('/', hostStart, pathEnd - hostStart);
        pathStart = slash < 0 ? pathEnd : slash;
        if (!name.Equals("http", StringComparison.OrdinalIgnoreCase) && !name.Equals("https", StringComparison.OrdinalIgnoreCase))
        {
            return new Gs1Problem("uri", Gs1Rule.NotAUri,
                $"a GS1 Digital Link must use http or https, not '{name}'", $"GS1 Digital Link phải dùng http hoặc https, không dùng '{name}'");
        }

        var host = input.AsSpan(hostStart, pathStart - hostStart);
        if (host.IsEmpty)
        {
            return new Gs1Problem("uri", Gs1Rule.NotAUri,
                $"a GS1 Digital Link needs a host name after {name}://", $"GS1 Digital Link cần tên miền sau {name}://");
        }

        var bad = host.IndexOfAny(BadHostCharacters);
        bad = bad >= 0 ? bad : host.IndexOfAnyExcept(UriCharacters);
        return bad < 0 ? null : new Gs1Problem("uri", Gs1Rule.NotAUri,
            $"the host name '{host}' contains '{Shown(host[bad])}', which a domain name may not",
            $"tên miền '{host}' chứa '{Shown(host[bad])}', ký tự không được có trong tên miền");
    }

    /// <summary>
    /// The primary key as GS1's engine finds it: pairs of AI and value read back from the end of the
    /// path, the first primary key met being the root; an unknown AI first means there is none.
    /// </summary>
    private static int KeyFromEnd(string input, ReadOnlySpan<Range> segments, int count)
    {
        for (var i = count - 2; i >= 0; i -= 2)
        {
            if (AiTable.Find(input.AsSpan()[segments[i]]) is not { } definition)
            {
                return -1;
            }

            if (definition.IsPrimaryKey)
            {
                return i;
            }
        }

        return -1;
    }

    private static int FirstKey(string input, ReadOnlySpan<Range> segments)
    {
        for (var i = 0; i < segments.Length; i++)
        {
            if (AiTable.Find(input.AsSpan()[segments[i]])?.IsPrimaryKey == true)
            {
                return i;
            }
        }

        return -1;
    }

    private static void ReadPath(ref Link link, ReadOnlySpan<Range> pairs)
    {
        var input = link.Input;
        link.KeyDefinition = AiTable.Find(input.AsSpan()[pairs[0]])!;
        for (var i = 0; i < pairs.Length; i += 2)
        {
            var raw = input.AsSpan()[pairs[i]];
            var definition = AiTable.Find(raw);
            var ai = definition?.Code ?? raw.ToString();
            if (i + 1 >= pairs.Length || pairs[i + 1].Start.Equals(pairs[i + 1].End))
            {
                link.Add(new Gs1Problem(ai, Gs1Rule.MissingValue,
                    $"AI {ai} in the path has no value after it", $"AI {ai} trong đường dẫn không có giá trị đi kèm"));
                break;
            }

            var start = pairs[i + 1].Start.Value;
            if (link.Decode(ai, pairs[i + 1], query: false) is not { } value)
            {
                continue;
            }

            if (i == 0)
            {
                link.Key = new AiValue(ai, value, start + 1);
                continue;
            }

            if (definition is null || !IsQualifier(link.KeyDefinition, ai))
            {
                link.Add(NotAQualifier(ai, link.KeyDefinition));
                continue;
            }

            if (link.IndexOfQualifier(ai) >= 0)
            {
                link.Add(new Gs1Problem(ai, Gs1Rule.RepeatedElement,
                    $"AI {ai} appears more than once in the path", $"AI {ai} xuất hiện nhiều lần trong đường dẫn"));
                continue;
            }

            link.AddQualifier(new AiValue(ai, value, start + 1));
        }

        CheckOrder(ref link);
    }

    private static void ReadCompressed(ref Link link, Range segment)
    {
        var decoded = new List<(string Ai, string Value)>();
        if (CompressedDigitalLink.Decode(link.Input.AsSpan()[segment], decoded, link.Parameters ??= []) is { } problem)
        {
            link.Add(problem);
            return;
        }

        // The compressed data says which AI is which only by the dictionary: arrange it as if written out.
        var position = segment.Start.Value + 1;
        var elements = new List<AiValue>(link.Qualifiers.Length + decoded.Count + 1);
        if (link.Key is { } key)
        {
            elements.Add(key);
            elements.AddRange(link.Qualifiers);
        }

        foreach (var (ai, value) in decoded)
        {
            if (elements.Exists(e => e.Ai == ai))
            {
                link.Add(Repeated(ai));
                continue;
            }

            elements.Add(new AiValue(ai, value, position));
        }

        if (link.Compression == DigitalLinkCompression.Partial && link.Key is null)
        {
            return; // the path's own key was unreadable and has been reported
        }

        var arranged = DigitalLinkUri.FromElements(elements);
        if (!arranged.IsValid)
        {
            foreach (var arrangement in arranged.Problems)
            {
                link.Add(arrangement);
            }

            return;
        }

        link.Arrange(arranged.Value!);
    }

    private static void ReadQuery(ref Link link, int start, int end)
    {
        var input = link.Input;
        while (start < end)
        {
            var ampersand = input.IndexOf('&', start, end - start);
            var stop = ampersand < 0 ? end : ampersand;
            if (stop > start)
            {
                var equals = input.IndexOf('=', start, stop - start);
                var keyEnd = equals < 0 ? stop : equals;
                var valueStart = equals < 0 ? stop : equals + 1;
                Pair(ref link, new Range(start, keyEnd), new Range(valueStart, stop));
            }

            start = stop + 1;
        }
    }

    private static void Pair(ref Link link, Range rawKey, Range rawValue)
    {
        // An AI as written needs no decoding; anything else is decoded once to tell.
        var written = link.Input.AsSpan()[rawKey];
        var plain = !written.ContainsAny('%', '+');
        string? key = null;
        if (!plain && (key = link.Decode("query", rawKey, query: true, rawKey, lenient: true)) is null)
        {
            return;
        }

        var name = plain ? written : key.AsSpan();
        if (name.IsEmpty || name.ContainsAnyExceptInRange('0', '9'))
        {
            // Parameters that are not AIs are the resolver's to pass on as they came, so only their encoding is checked.
            if (link.Decode("query", rawValue, query: true, rawKey, lenient: true) is { } parameter)
            {
                (link.Parameters ??= []).Add(new(key ?? written.ToString(), parameter));
            }

            return;
        }

        if (AiTable.Find(name) is not { } definition)
        {
            var shown = name.ToString();
            link.Add(new Gs1Problem(shown, Gs1Rule.UnknownAi,
                $"'{shown}' in the query string is not a GS1 Application Identifier; numeric query parameters are reserved for AIs",
                $"'{shown}' trong chuỗi truy vấn không phải là AI của GS1; tham số truy vấn toàn chữ số chỉ dành cho AI"));
            return;
        }

        var ai = definition.Code;
        if (link.Decode(ai, rawValue, query: true, rawKey) is not { } value)
        {
            return;
        }

        if (value.Length == 0)
        {
            link.Add(new Gs1Problem(ai, Gs1Rule.MissingValue,
                $"AI {ai} in the query string has no value", $"AI {ai} trong chuỗi truy vấn không có giá trị"));
        }
        else if (BelongsInPath(ref link, ai))
        {
            var primary = link.KeyDefinition!.Code;
            link.Add(new Gs1Problem(ai, Gs1Rule.QualifierInQuery,
                $"AI {ai} is a key qualifier of AI {primary} and belongs in the path (/{primary}/…/{ai}/…), not in the query string (not allowed as a Digital Link data attribute)",
                $"AI {ai} là định danh phụ của AI {primary} và phải nằm trong đường dẫn (/{primary}/…/{ai}/…), không nằm trong chuỗi truy vấn (không được dùng làm thuộc tính dữ liệu Digital Link)"));
        }
        else if (!definition.DigitalLinkAttribute)
        {
            link.Add(new Gs1Problem(ai, Gs1Rule.InvalidPairing,
                $"AI {ai} is not allowed as a Digital Link data attribute", $"AI {ai} không được dùng làm thuộc tính dữ liệu Digital Link"));
        }
        else if (link.Has(ai))
        {
            link.Add(Repeated(ai));
        }
        else if (!link.AddAttribute(new AiValue(ai, ai == "01" ? Unsuppressed(value) : value, rawValue.Start.Value + 1)))
        {
            link.Add(TooMany(ai, $"more than {Link.MaxElements} AIs", $"nhiều hơn {Link.MaxElements} AI"));
        }
    }

    /// <summary>Whether the AI could have gone in the path: GS1's engine tries it at every place among the key qualifiers.</summary>
    private static bool BelongsInPath(ref Link link, string ai)
    {
        if (link.KeyDefinition is not { } key || link.IndexOfQualifier(ai) >= 0)
        {
            return false;
        }

        var sequences = key.DigitalLinkQualifiers!;
        for (var i = 0; i < sequences.Count; i++)
        {
            if (IndexOf(sequences[i], ai) >= 0 && InOrder(sequences[i], link.Qualifiers))
            {
                return true;
            }
        }

        return false;
    }

    private static void CheckOrder(ref Link link)
    {
        var qualifiers = link.Qualifiers;
        var sequences = link.KeyDefinition!.DigitalLinkQualifiers!;
        for (var i = 0; i < sequences.Count; i++)
        {
            if (InOrder(sequences[i], qualifiers))
            {
                return;
            }
        }

        // Name the first qualifier out of place in the sequence that holds the most of them.
        var held = qualifiers.ToArray();
        var sequence = sequences.MaxBy(s => held.Count(q => s.Contains(q.Ai)))!;
        var last = -1;
        foreach (var qualifier in held)
        {
            var index = IndexOf(sequence, qualifier.Ai);
            if (index < 0)
            {
                var other = held.First(q => sequence.Contains(q.Ai)).Ai;
                link.Add(new Gs1Problem(qualifier.Ai, Gs1Rule.QualifierOrder,
                    $"AI {qualifier.Ai} cannot be used together with AI {other} in the path: the key qualifiers of {KeyName(link.KeyDefinition)} are {Sequences(sequences)}",
                    $"AI {qualifier.Ai} không được dùng cùng AI {other} trong đường dẫn: định danh phụ của {KeyName(link.KeyDefinition, vietnamese: true)} là {Sequences(sequences, vietnamese: true)}"));
                return;
            }

            if (index < last)
            {
                var order = string.Join(", ", sequence);
                link.Add(new Gs1Problem(qualifier.Ai, Gs1Rule.QualifierOrder,
                    $"AI {qualifier.Ai} must come before AI {sequence[last]}: key qualifiers go in the order {order}",
                    $"AI {qualifier.Ai} phải đứng trước AI {sequence[last]}: thứ tự định danh phụ là {order}"));
            }

            last = Math.Max(last, index);
        }
    }

    /// <summary>Whether the qualifiers follow the sequence, each at most once; none or one always does if in it.</summary>
    private static bool InOrder(IReadOnlyList<string> sequence, ReadOnlySpan<AiValue> qualifiers)
    {
        var last = -1;
        foreach (var qualifier in qualifiers)
        {
            var index = IndexOf(sequence, qualifier.Ai);
            if (index <= last)
            {
                return false;
            }

            last = index;
        }

        return true;
    }

    private static bool IsQualifier(AiDefinition key, string ai)
    {
        var sequences = key.DigitalLinkQualifiers!;
        for (var i = 0; i < sequences.Count; i++)
        {
            if (IndexOf(sequences[i], ai) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static Gs1Problem NotAQualifier(string ai, AiDefinition key)
    {
        var sequences = key.DigitalLinkQualifiers!;
        if (sequences.All(s => s.Count == 0))
        {
            return new Gs1Problem(ai, Gs1Rule.UnknownPathElement,
                $"'{ai}' cannot follow /{key.Code}/: AI {key.Code} has no key qualifiers",
                $"'{ai}' không được đứng sau /{key.Code}/: AI {key.Code} không có định danh phụ");
        }

        return new Gs1Problem(ai, Gs1Rule.UnknownPathElement,
            $"'{ai}' is not a key qualifier of {KeyName(key)}; only {Sequences(sequences)} may follow /{key.Code}/",
            $"'{ai}' không phải là định danh phụ của {KeyName(key, vietnamese: true)}; sau /{key.Code}/ chỉ được có {Sequences(sequences, vietnamese: true)}");
    }

    private static string KeyName(AiDefinition key, bool vietnamese = false) =>
        key.Code == "01" ? (vietnamese ? "GTIN" : "a GTIN") : $"AI {key.Code}";

    /// <summary>"22, 10 and 21 (or 235 on its own)": the first sequence, then each other one in brackets.</summary>
    private static string Sequences(IReadOnlyList<IReadOnlyList<string>> sequences, bool vietnamese = false)
    {
        var and = vietnamese ? "và" : "and";
        string List(IReadOnlyList<string> ais) =>
            ais.Count == 1 ? ais[0] : string.Join(", ", ais.Take(ais.Count - 1)) + $" {and} " + ais[^1];

        var text = new StringBuilder(List(sequences[0]));
        foreach (var other in sequences.Skip(1))
        {
            text.Append(vietnamese ? $" (hoặc riêng {List(other)})" : $" (or {List(other)} on its own)");
        }

        return text.ToString();
    }

    private static Gs1Problem Repeated(string ai) => new(ai, Gs1Rule.RepeatedElement,
        $"AI {ai} appears more than once in the link", $"AI {ai} xuất hiện nhiều lần trong liên kết");

    private static Gs1Problem TooMany(string part, string english, string vietnamese) => new(part, Gs1Rule.Length,
        $"a GS1 Digital Link cannot have {english}", $"GS1 Digital Link không thể có {vietnamese}");

    // Digital Link allows a GTIN-8, -12 or -13 without its leading zeros.
    private static string Unsuppressed(string gtin) =>
        gtin.Length is 8 or 12 or 13 && !gtin.AsSpan().ContainsAnyExceptInRange('0', '9') ? gtin.PadLeft(14, '0') : gtin;

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Shown(char c) => char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : c.ToString();

    private static Gs1Result<DigitalLinkUri> Fail(Gs1Problem problem) => Gs1Result<DigitalLinkUri>.Fail(problem);

    /// <summary>Strict percent-decoding: every % must start a two-hex-digit UTF-8 byte.</summary>
    internal static bool TryDecode(string raw, out string value) => TryDecode(raw, query: false, out value);

    private static bool TryDecode(ReadOnlySpan<char> raw, bool query, out string value)
    {
        if (query ? !raw.ContainsAny('%', '+') : !raw.Contains('%'))
        {
            value = raw.ToString();
            return true;
        }

        value = "";
        byte[]? rented = null;
        var bytes = raw.Length <= 128 ? stackalloc byte[raw.Length * 3] : (rented = ArrayPool<byte>.Shared.Rent(raw.Length * 3));
        try
        {
            var count = 0;
            for (var i = 0; i < raw.Length; i++)
            {
                if (raw[i] == '%')
                {
                    var (high, low) = i + 2 < raw.Length ? (HexDigit(raw[i + 1]), HexDigit(raw[i + 2])) : (-1, -1);
                    if ((high | low) < 0)
                    {
                        return false;
                    }

                    bytes[count++] = (byte)(high << 4 | low);
                    i += 2;
                }
                else if (raw[i] < 0x80)
                {
                    bytes[count++] = (byte)(query && raw[i] == '+' ? ' ' : raw[i]);
                }
                else
                {
                    var width = char.IsHighSurrogate(raw[i]) && i + 1 < raw.Length ? 2 : 1;
                    count += Encoding.UTF8.GetBytes(raw.Slice(i, width), bytes[count..]);
                    i += width - 1;
                }
            }

            if (!System.Text.Unicode.Utf8.IsValid(bytes[..count]))
            {
                return false;
            }

            value = Encoding.UTF8.GetString(bytes[..count]);
            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static int HexDigit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'F' => c - 'A' + 10,
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => -1,
    };

    /// <summary>What one parse has found so far; on the stack, with one pooled buffer, as the resolver runs this on every scan.</summary>
    private struct Link(string input)
    {
        // The GS1 syntax engine's limit on AIs in one message.
        public const int MaxElements = CompressedDigitalLink.MaxValues;

        // The key at 0, then the key qualifiers, then the data attributes: the order of the link itself.
        private AiValue[] _elements = ArrayPool<AiValue>.Shared.Rent(MaxElements + 1);
        private int _qualifiers;
        private int _attributes;

        public readonly string Input { get; } = input;

        public List<Gs1Problem>? Problems { get; private set; }

        public DigitalLinkCompression Compression { get; set; }

        public string Stem { get; set; } = "";

        public AiDefinition? KeyDefinition { get; set; }

        // Pooled arrays come back cleared, so the key slot is null until the key is read.
        public AiValue? Key
        {
            readonly get => _elements[0];
            set => _elements[0] = value!;
        }

        public readonly ReadOnlySpan<AiValue> Qualifiers => _elements.AsSpan(1, _qualifiers);

        public List<KeyValuePair<string, string>>? Parameters { get; set; }

        public void Add(Gs1Problem problem) => (Problems ??= []).Add(problem);

        public void AddQualifier(AiValue qualifier)
        {
            // Qualifiers come before any attribute is read; the path holds at most a few hundred segments.
            if (_qualifiers < MaxElements)
            {
                _elements[1 + _qualifiers++] = qualifier;
            }
        }

        public bool AddAttribute(AiValue attribute)
        {
            if (_qualifiers + _attributes >= MaxElements)
            {
                return false;
            }

            _elements[1 + _qualifiers + _attributes++] = attribute;
            return true;
        }

        public void Arrange(DigitalLinkUri link)
        {
            (_qualifiers, _attributes) = (0, 0);
            Key = link.PrimaryKey;
            KeyDefinition = link.PrimaryKey.Definition;
            foreach (var qualifier in link.KeyQualifiers)
            {
                AddQualifier(qualifier);
            }

            foreach (var attribute in link.Attributes)
            {
                AddAttribute(attribute);
            }
        }

        public readonly int IndexOfQualifier(string ai)
        {
            for (var i = 0; i < _qualifiers; i++)
            {
                if (_elements[1 + i].Ai == ai)
                {
                    return i;
                }
            }

            return -1;
        }

        public readonly bool Has(string ai)
        {
            for (var i = 0; i <= _qualifiers + _attributes; i++)
            {
                if ((AiValue?)_elements[i] is { } element && element.Ai == ai)
                {
                    return true;
                }
            }

            return false;
        }

        public void Release()
        {
            // Clear only what was used: a pooled array must not keep links alive, and the rest is already empty.
            Array.Clear(_elements, 0, 1 + _qualifiers + _attributes);
            ArrayPool<AiValue>.Shared.Return(_elements);
            _elements = [];
        }

        /// <summary>
        /// The value percent-decoded, or null for a broken encoding; a character a URI cannot hold is
        /// noted too, and the value still read so that what else is wrong with it is said at once.
        /// </summary>
        public string? Decode(string part, Range range, bool query, Range? rawKey = null, bool lenient = false)
        {
            var raw = Input.AsSpan()[range];
            var bad = lenient ? -1 : raw.IndexOfAnyExcept(UriCharacters);
            if (bad >= 0)
            {
                var at = range.Start.Value + bad + 1;
                Add(new Gs1Problem(part, Gs1Rule.PercentEncoding,
                    $"position {at}: character '{Shown(raw[bad])}' must be percent-encoded in a URI",
                    $"vị trí {at}: ký tự '{Shown(raw[bad])}' phải được mã hóa phần trăm (%) trong URI"));
            }

            if (TryDecode(raw, query, out var value))
            {
                return value;
            }

            if (query)
            {
                var name = Input[rawKey ?? range];
                Add(new Gs1Problem("query", Gs1Rule.PercentEncoding,
                    $"the query parameter '{name}' has a malformed percent-encoding", $"tham số truy vấn '{name}' mã hóa phần trăm (%) sai"));
            }
            else
            {
                Add(new Gs1Problem(part, Gs1Rule.PercentEncoding,
                    $"the value of AI {part} has a malformed percent-encoding", $"giá trị của AI {part} mã hóa phần trăm (%) sai"));
            }

            return null;
        }

        /// <summary>Checks every value as the syntax dictionary says, the GTIN as the portal checks every GTIN, and builds the link.</summary>
        public Gs1Result<DigitalLinkUri> Finish()
        {
            if (Key is not { } key)
            {
                return Gs1Result<DigitalLinkUri>.Fail([.. Problems!]);
            }

            var problems = Problems;
            if (key.Ai == "01")
            {
                // A scan and a form then say the same about a bad GTIN; zero-suppressed GTINs become 14 digits.
                var gtin = Gs1Keys.Gtin(key.Value, "01");
                if (!gtin.IsValid)
                {
                    (problems ??= []).AddRange(gtin.Problems);
                }
                else if (gtin.Value != key.Value)
                {
                    Key = key with { Value = gtin.Value! };
                }
            }
            else
            {
                ElementStringValidator.Format(key, key.Definition!, ref problems);
            }

            var elements = _elements.AsSpan(0, 1 + _qualifiers + _attributes);
            for (var i = 1; i < elements.Length; i++)
            {
                ElementStringValidator.Format(elements[i], elements[i].Definition!, ref problems);
            }

            ElementStringValidator.Associations(elements, ref problems, unique: true);
            if (problems is not null)
            {
                return Gs1Result<DigitalLinkUri>.Fail([.. problems]);
            }

            return Gs1Result<DigitalLinkUri>.Ok(new DigitalLinkUri(elements[0], elements.Slice(1, _qualifiers).ToArray(), elements[(1 + _qualifiers)..].ToArray())
            {
                Parameters = Parameters ?? [],
                Compression = Compression,
                Stem = Stem,
            });
        }
    }
}
