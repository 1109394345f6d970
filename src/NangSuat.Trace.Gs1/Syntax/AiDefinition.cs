namespace NangSuat.Trace.Gs1.Syntax;

/// <summary>One component of an AI's data: its character set, length and the linters that check its content.</summary>
public sealed record AiComponent(char CharacterSet, int MinLength, int MaxLength, bool Optional, IReadOnlyList<string> Linters)
{
    public bool IsFixedLength => MinLength == MaxLength;

    /// <summary>The <see cref="Linters"/> resolved once; a name not implemented checks nothing.</summary>
    internal Func<string, Syntax.Linters.Failure?>[] Checks { get; } =
        [.. Linters.Select(Syntax.Linters.Resolve).OfType<Func<string, Syntax.Linters.Failure?>>()];
}

/// <summary>An Application Identifier as the GS1 Syntax Dictionary defines it.</summary>
public sealed record AiDefinition(
    string Code,
    string Title,
    bool PredefinedLength,
    bool DigitalLinkAttribute,
    IReadOnlyList<AiComponent> Components,
    IReadOnlyList<IReadOnlyList<string>> Requires,
    IReadOnlyList<string> Excludes,
    IReadOnlyList<IReadOnlyList<string>>? DigitalLinkQualifiers)
{
    public int MaxLength => Components.Sum(c => c.MaxLength);

    // Array copies of the lists for the scan path, where a call through IReadOnlyList costs more than the check.

    /// <summary><see cref="Requires"/> with each "a+b" group split once, not on every message checked.</summary>
    internal string[][][] RequiredGroups { get; } = [.. Requires.Select(alternatives => alternatives.Select(group => group.Split('+')).ToArray())];

    internal AiComponent[] ComponentArray { get; } = [.. Components];

    internal string[] ExcludedPatterns { get; } = [.. Excludes];

    internal string[][] QualifierSequences { get; } = DigitalLinkQualifiers is null ? [] : [.. DigitalLinkQualifiers.Select(s => s.ToArray())];

    /// <summary>Whether this AI is a Digital Link primary key (it may then have ordered key qualifiers).</summary>
    public bool IsPrimaryKey => DigitalLinkQualifiers is not null;

    /// <summary>
    /// Matches a dictionary pattern such as <c>310n</c> or <c>35nn</c>, where <c>n</c> stands for any digit.
    /// </summary>
    public static bool Matches(string pattern, string code)
    {
        if (ReferenceEquals(pattern, code))
        {
            return true; // both interned by the table: the common case of a pattern that names one AI
        }

        if (pattern.Length != code.Length)
        {
            return false;
        }

        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] != code[i] && (pattern[i] != 'n' || !char.IsAsciiDigit(code[i])))
            {
                return false;
            }
        }

        return true;
    }
}
