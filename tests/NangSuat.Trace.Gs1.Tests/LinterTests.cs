using NangSuat.Trace.Gs1.Syntax;

namespace NangSuat.Trace.Gs1.Tests;

/// <summary>Each content linter of the syntax dictionary with a value it must accept and one it must refuse.</summary>
public sealed class LinterTests
{
    [Theory]
    [InlineData("(01)09506000134352(422)704")] // Việt Nam
    [InlineData("(01)09506000134352(7030)999ABC")]
    [InlineData("(00)106141411234567897(4307)VN")]
    [InlineData("(415)9501101020016(8020)INV1(3912)704150000")] // 1,500.00 đồng due
    [InlineData("(415)9501101020016(8020)INV1(8007)GB82WEST12345698765432")]
    [InlineData("(8013)1987654Ad4X4bL5ttr2310c2K")] // GS1's own GMN example
    [InlineData("(01)09506000134352(8001)01000050000190")]
    [InlineData("(01)09506000134352(7040)1AB_")]
    [InlineData("(8017)950110153000000007(7241)05")]
    [InlineData("(8018)950110153000000007(7252)2")]
    [InlineData("(8018)950110153000000007(7259)A1(7258)2/3")]
    [InlineData("(401)9506000ABC")]
    [InlineData("(00)106141411234567897(7041)CT")] // carton
    [InlineData("(8018)950110153000000007(7250)00000229")] // year 0000 is a leap year, and no exception
    public void Valid_values_pass_their_linters(string input)
    {
        var result = ElementStringParser.Parse(input);
        Assert.True(result.IsValid, string.Join("; ", result.Problems));
    }

    [Theory]
    [InlineData("(01)09506000134352(422)999", "422", "999 is not an ISO 3166 country code")]
    [InlineData("(01)09506000134352(7030)000ABC", "7030", "neither an ISO 3166 country code nor 999")]
    [InlineData("(00)106141411234567897(4307)XX", "4307", "XX is not an ISO 3166 alpha-2 country code")]
    [InlineData("(415)9501101020016(8020)INV1(3912)000150000", "3912", "000 is not an ISO 4217 currency code")]
    [InlineData("(415)9501101020016(8020)INV1(8007)GB83WEST12345698765432", "8007", "IBAN check digits do not match")]
    [InlineData("(8013)1987654Ad4X4bL5ttr2310c2L", "8013", "check characters should be 2K, not 2L")]
    [InlineData("(01)09506000134352(8001)01000050000150", "8001", "winding direction 5 must be 0, 1 or 9")]
    [InlineData("(01)09506000134352(7040)1AB.", "7040", "importer index '.'")]
    [InlineData("(8017)950110153000000007(7241)11", "7241", "media type 11")]
    [InlineData("(8018)950110153000000007(7252)3", "7252", "not an ISO/IEC 5218 sex code")]
    [InlineData("(8018)950110153000000007(7259)A1(7258)4/3", "7258", "must be position/total")]
    [InlineData("(401)95X6000ABC", "401", "GS1 company prefix")]
    [InlineData("(8018)950110153000000007(7250)00000230", "7250", "day 30 is not a day of month 02")]
    [InlineData("(00)106141411234567897(7041)Q9", "7041", "'Q9' is not a package type code")]
    public void Invalid_values_are_refused_naming_the_ai_and_the_rule(string input, string ai, string message)
    {
        var result = ElementStringParser.Parse(input);
        Assert.Contains(result.Problems, p => p.Part == ai && p.English.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_linter_the_dictionary_names_is_implemented()
    {
        var named = AiTable.All.SelectMany(d => d.Components).SelectMany(c => c.Linters).ToHashSet();
        Assert.Empty(named.Except(Linters.Implemented));
    }
}
