namespace NangSuat.Trace.Gs1.Tests;

public sealed class KeyTests
{
    [Theory]
    [InlineData("9506000134352", "09506000134352")] // GS1's own example GTIN-13
    [InlineData("614141123452", "00614141123452")] // GTIN-12 (UPC-A)
    [InlineData("96385074", "00000096385074")] // GTIN-8
    [InlineData("10614141123459", "10614141123459")] // GTIN-14 with indicator 1
    [InlineData(" 8934563123451 ", "08934563123451")] // a Vietnamese 893 GTIN, pasted with spaces
    public void Valid_gtins_are_normalised_to_fourteen_digits(string input, string expected)
    {
        var result = Gs1Keys.Gtin(input);
        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Equal(expected, result.Value);
    }

    [Fact]
    public void A_wrong_check_digit_says_which_digit_it_should_be()
    {
        var problem = Assert.Single(Gs1Keys.Gtin("9506000134353").Problems);
        Assert.Equal(Gs1Rule.CheckDigit, problem.Rule);
        Assert.Equal("check digit should be 2, not 3", problem.English);
        Assert.Equal("số kiểm tra phải là 2, không phải 3", problem.Vietnamese);
    }

    [Theory]
    [InlineData("950600013435", Gs1Rule.CheckDigit)] // a GTIN-13 missing its last digit reads as a GTIN-12 with a bad check digit
    [InlineData("95060001343", Gs1Rule.Length)]
    [InlineData("950600013435X", Gs1Rule.DigitsOnly)]
    [InlineData("", Gs1Rule.Required)]
    [InlineData(null, Gs1Rule.Required)]
    [InlineData("123456789012345", Gs1Rule.Length)]
    public void Malformed_gtins_are_rejected_with_the_rule_they_break(string? input, Gs1Rule rule) =>
        Assert.Equal(rule, Assert.Single(Gs1Keys.Gtin(input).Problems).Rule);

    [Fact]
    public void Non_digit_rejection_names_the_character_and_its_position() =>
        Assert.Equal("only digits are allowed; found 'O' at position 4", Assert.Single(Gs1Keys.Gtin("893O563123458").Problems).English);

    [Theory]
    [InlineData("9501101020016", true)] // GS1 example GLN
    [InlineData("9501101020017", false)]
    [InlineData("950110102001", false)]
    public void Gln_is_thirteen_digits_with_a_check_digit(string input, bool valid) => Assert.Equal(valid, Gs1Keys.Gln(input).IsValid);

    [Theory]
    [InlineData("106141411234567897", true)] // GS1 example SSCC
    [InlineData("106141411234567898", false)]
    [InlineData("10614141123456789", false)]
    public void Sscc_is_eighteen_digits_with_a_check_digit(string input, bool valid) => Assert.Equal(valid, Gs1Keys.Sscc(input).IsValid);

    [Fact]
    public void Check_digit_matches_a_direct_mod_ten_computation_for_random_keys()
    {
        var random = new Random(1322);
        for (var i = 0; i < 2000; i++)
        {
            var length = random.Next(7, 17);
            var digits = string.Concat(Enumerable.Range(0, length).Select(_ => (char)('0' + random.Next(10))));
            // Independent oracle: weights 3,1,3,… from the right, as printed in the GS1 General Specifications 7.9.1.
            var sum = digits.Reverse().Select((c, index) => (c - '0') * (index % 2 == 0 ? 3 : 1)).Sum();
            Assert.Equal((10 - sum % 10) % 10, CheckDigit.Compute(digits));
            Assert.True(Gs1Keys.Gtin(CheckDigit.Append(digits.PadLeft(13, '0')[^13..])).IsValid);
        }
    }

    [Theory]
    [InlineData("00614141123452", "614141", true)] // UPC company prefix written without its leading zero
    [InlineData("08934563123451", "8934563", true)]
    [InlineData("18934563123458", "8934563", true)] // indicator digit before the prefix
    [InlineData("08934564123450", "8934563", false)]
    public void A_gtin_belongs_to_a_company_prefix_when_its_body_starts_with_it(string gtin14, string prefix, bool expected) =>
        Assert.Equal(expected, Gs1Keys.IsUnderPrefix(gtin14, prefix));

    [Theory]
    [InlineData("ABC-123/x", true)]
    [InlineData("!\"%&'()*+,-./:;<=>?_", true)]
    [InlineData("LÔ 1", false)]
    [InlineData("lot 1", false)]
    [InlineData("A#1", false)]
    [InlineData("123456789012345678901", false)]
    public void Lot_and_serial_values_use_set_82_and_at_most_twenty_characters(string value, bool valid) =>
        Assert.Equal(valid, Cset82.Validate(value, "10").IsValid);

    [Fact]
    public void A_space_in_a_lot_is_named_by_its_code_point()
    {
        var problem = Assert.Single(Cset82.Validate("LOT 7", "10").Problems);
        Assert.Equal(Gs1Rule.CharacterSet, problem.Rule);
        Assert.StartsWith("character 'U+0020' at position 4", problem.English, StringComparison.Ordinal);
    }
}
