namespace NangSuat.Trace.Gs1.Syntax;

/// <summary>One component of an AI's data: its character set, length and the linters that check its content.</summary>
public sealed record AiComponent(char CharacterSet, int MinLength, int MaxLength, bool Optional, IReadOnlyList<string> Linters)
{
    public bool IsFixedLength => MinLength == MaxLength;
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

    /// <summary><see cref="Requires"/> with each "a+b" group split once, not on every message checked.</summary>
    internal string[][][] RequiredGroups { get; } = [.. Requires.Select(alternatives => alternatives.Select(group => group.Split('+')).ToArray())];

    /// <summary>Whether this AI is a Digital Link primary key (it may then have ordered key qualifiers).</summary>
    public bool IsPrimaryKey => DigitalLinkQualifiers is not null;

    /// <summary>
    /// Matches a dictionary pattern such as <c>310n</c> or <c>35nn</c>, where <c>n</c> stands for any digit.
    /// </summary>
    public static bool Matches(string pattern, string code)
    {
        if (pattern.Length != code.Length)
        {
            return false;
        }

        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == 'n' ? !char.IsAsciiDigit(code[i]) : pattern[i] != code[i])
            {
                return false;
            }
        }

        return true;
    }
}
