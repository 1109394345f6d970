using System.Globalization;
using System.Text;

namespace NangSuat.Trace.Api.Infrastructure;

/// <summary>
/// Text as a search compares it: without Vietnamese diacritics, lower case, single spaces. People
/// type "che moc chau" on a phone keyboard without Telex and expect "Chè Mộc Châu".
/// </summary>
public static class SearchText
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || !FieldErrors.IsCleanText(text))
        {
            return "";
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = folded.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                folded.Append(' ');
                pendingSpace = false;
            }

            // Đ is a letter of its own, not D with a mark, so decomposition leaves it.
            folded.Append(c is 'đ' or 'Đ' ? 'd' : char.ToLowerInvariant(c));
        }

        return folded.ToString();
    }
}

/// <summary>A record found by typing part of its name: its folded search key is kept beside it, set on every save.</summary>
public interface ISearchable
{
    public const string KeyProperty = "SearchKey";

    /// <summary>What a search should find the record by, before folding.</summary>
    string SearchSource { get; }
}
