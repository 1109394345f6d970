using System.Runtime.CompilerServices;
using NangSuat.Trace.Gs1.Syntax;

namespace NangSuat.Trace.Gs1;

internal static partial class DigitalLinkParser
{
    /// <summary>What one parse has found so far. The arrays it fills are the ones the link keeps: the resolver runs this on every scan.</summary>
    private struct Link(string input)
    {
        // The GS1 syntax engine's limit on AIs in one message.
        public const int MaxElements = CompressedDigitalLink.MaxValues;

        private AiValue[] _qualifiers = [];
        private int _qualifierCount;
        private AiValue[] _attributes = [];
        private int _attributeCount;
        private int _expectedAttributes = 1;

        public readonly string Input { get; } = input;

        public List<Gs1Problem>? Problems { get; private set; }

        public DigitalLinkCompression Compression { get; set; }

        public string Stem { get; set; } = "";

        public AiDefinition? KeyDefinition { get; set; }

        public AiValue? Key { get; set; }

        public readonly ReadOnlySpan<AiValue> Qualifiers => _qualifiers.AsSpan(0, _qualifierCount);

        public List<KeyValuePair<string, string>>? Parameters { get; set; }

        public void Add(Gs1Problem problem) => (Problems ??= []).Add(problem);

        public void ExpectQualifiers(int count) => _qualifiers = count == 0 ? [] : new AiValue[count];

        public void AddQualifier(AiValue qualifier)
        {
            if (_qualifierCount < _qualifiers.Length)
            {
                _qualifiers[_qualifierCount++] = qualifier;
            }
        }

        /// <summary>Room, when the first attribute comes, for as many as the query has pairs: what a link usually is.</summary>
        public void ExpectAttributes(int pairs) => _expectedAttributes = Math.Min(pairs, MaxElements);

        public bool AddAttribute(AiValue attribute)
        {
            if (_qualifierCount + _attributeCount >= MaxElements)
            {
                return false;
            }

            if (_attributeCount == _attributes.Length)
            {
                Array.Resize(ref _attributes, Math.Max(_expectedAttributes, _attributeCount + 1));
            }

            _attributes[_attributeCount++] = attribute;
            return true;
        }

        public void Arrange(DigitalLinkUri link)
        {
            Key = link.PrimaryKey;
            KeyDefinition = link.PrimaryKey.Definition;
            (_qualifiers, _qualifierCount) = ([.. link.KeyQualifiers], link.KeyQualifiers.Count);
            (_attributes, _attributeCount) = ([.. link.Attributes], link.Attributes.Count);
        }

        public readonly int IndexOfQualifier(string ai)
        {
            for (var i = 0; i < _qualifierCount; i++)
            {
                if (ReferenceEquals(_qualifiers[i].Ai, ai))
                {
                    return i;
                }
            }

            return -1;
        }

        public readonly bool Has(string ai)
        {
            if (ReferenceEquals(Key?.Ai, ai) || IndexOfQualifier(ai) >= 0)
            {
                return true;
            }

            for (var i = 0; i < _attributeCount; i++)
            {
                if (ReferenceEquals(_attributes[i].Ai, ai))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The value percent-decoded, or null for a broken encoding; a character a URI cannot hold is
        /// noted too, and the value still read so that what else is wrong with it is said at once.
        /// </summary>
        public string? Decode(string part, Range range, bool query, Range? rawKey = null, bool lenient = false)
        {
            var raw = Input.AsSpan()[range];
            if (!raw.ContainsAnyExcept(query ? PlainInQuery : PlainInPath))
            {
                return raw.ToString();
            }

            var bad = lenient ? -1 : raw.IndexOfAnyExcept(UriCharacters);
            if (bad >= 0)
            {
                Add(LinkProblems.MustBeEncoded(part, range.Start.Value + bad + 1, raw[bad]));
            }

            if (PercentEncoding.TryDecode(raw, query, out var value))
            {
                return value;
            }

            Add(query ? LinkProblems.BrokenQueryEncoding(Input[rawKey ?? range]) : LinkProblems.BrokenPathEncoding(part));

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
            // Gs1Keys trims as a form field should; a space in a link is no GTIN, so it is judged by the AI's format like any other key.
            if (key.Ai == "01" && key.Value.AsSpan().Trim().Length == key.Value.Length)
            {
                // A scan and a form then say the same about a bad GTIN; zero-suppressed GTINs become 14 digits.
                var gtin = Gs1Keys.Gtin(key.Value, "01");
                if (!gtin.IsValid)
                {
                    (problems ??= []).AddRange(gtin.Problems);
                }
                else if (gtin.Value != key.Value)
                {
                    key = key with { Value = gtin.Value! };
                }
            }
            else
            {
                ElementStringValidator.Format(key, key.Definition!, ref problems);
            }

            var count = 1 + _qualifierCount + _attributeCount;
            var few = default(Few);
            var elements = count <= Few.Length ? ((Span<AiValue>)few)[..count] : new AiValue[count];
            elements[0] = key;
            Qualifiers.CopyTo(elements[1..]);
            _attributes.AsSpan(0, _attributeCount).CopyTo(elements[(1 + _qualifierCount)..]);
            for (var i = 1; i < elements.Length; i++)
            {
                ElementStringValidator.Format(elements[i], elements[i].Definition!, ref problems);
            }

            ElementStringValidator.Associations(elements, ref problems, unique: true);
            if (problems is not null)
            {
                return Gs1Result<DigitalLinkUri>.Fail([.. problems]);
            }

            return Gs1Result<DigitalLinkUri>.Ok(new DigitalLinkUri(key, Exact(_qualifiers, _qualifierCount), Exact(_attributes, _attributeCount))
            {
                Parameters = Parameters ?? [],
                Compression = Compression,
                Stem = Stem,
            });
        }

        private static AiValue[] Exact(AiValue[] values, int count) => count == values.Length ? values : values[..count];
    }

    /// <summary>Room on the stack for the elements of a usual link, for checking them together.</summary>
    [InlineArray(Length)]
    private struct Few
    {
        public const int Length = 8;

        private AiValue _element;
    }
}
