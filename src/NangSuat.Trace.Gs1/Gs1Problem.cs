namespace NangSuat.Trace.Gs1;

/// <summary>Which GS1 rule a value broke.</summary>
public enum Gs1Rule
{
    Required,
    DigitsOnly,
    Length,
    CheckDigit,
    CharacterSet,
    CompanyPrefix,
    NotAUri,
    MissingPrimaryKey,
    MissingValue,
    UnknownPathElement,
    QualifierOrder,
    RepeatedElement,
    PercentEncoding,
    UnknownAi,
    InvalidContent,
    MissingAssociation,
    InvalidPairing,
    ConflictingDuplicate,
    QualifierInQuery,
}

/// <summary>
/// One reason a GS1 value was rejected: the part that is wrong, the rule it breaks, and the
/// explanation in both portal languages, so callers never have to rebuild the sentence.
/// </summary>
public sealed record Gs1Problem(string Part, Gs1Rule Rule, string English, string Vietnamese)
{
    public string Message(string language) =>
        language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : Vietnamese;

    public override string ToString() => $"{Part}: {English}";

    internal static Gs1Problem Required(string part) =>
        new(part, Gs1Rule.Required, "a value is required", "bắt buộc phải có giá trị");

    internal static Gs1Problem DigitsOnly(string part, char found, int position) =>
        new(part, Gs1Rule.DigitsOnly,
            $"only digits are allowed; found '{found}' at position {position}",
            $"chỉ được dùng chữ số; có ký tự '{found}' ở vị trí {position}");

    internal static Gs1Problem Length(string part, int actual, string allowed, string allowedVi) =>
        new(part, Gs1Rule.Length,
            $"must be {allowed} long, not {actual}",
            $"phải dài {allowedVi}, không phải {actual}");

    internal static Gs1Problem CheckDigit(string part, int expected, int actual) =>
        new(part, Gs1Rule.CheckDigit,
            $"check digit should be {expected}, not {actual}",
            $"số kiểm tra phải là {expected}, không phải {actual}");
}

/// <summary>Either a value or the problems that stopped it.</summary>
public readonly record struct Gs1Result<T>(T? Value, IReadOnlyList<Gs1Problem> Problems)
{
    public bool IsValid => Problems.Count == 0;

    public static Gs1Result<T> Ok(T value) => new(value, []);

    public static Gs1Result<T> Fail(params Gs1Problem[] problems) => new(default, problems);
}
