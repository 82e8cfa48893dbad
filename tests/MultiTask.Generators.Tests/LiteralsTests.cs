using MultiTask.Generators.Emit;
using Xunit;

namespace MultiTask.Generators.Tests
{
    public sealed class LiteralsTests
    {
        [Theory]
        [InlineData(0.1, "0.1")]
        [InlineData(3e-4, "0.0003")]
        [InlineData(1e-5, "1e-5")]
        [InlineData(1.0, "1")]
        [InlineData(0.0, "0")]
        [InlineData(-2.5, "-2.5")]
        [InlineData(12.5, "12.5")]
        [InlineData(1e20, "1e20")]
        [InlineData(1.0 / 3.0, "0.3333333333333333")]
        [InlineData(0.30000000000000004, "0.30000000000000004")]
        public void Numbers_are_shortest_round_trip_and_invariant(double value, string expected)
        {
            string text = Literals.Number(value);
            Assert.Equal(expected, text);
            Assert.Equal(value, double.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
        }

        [Theory]
        [InlineData(2.0, "2.0")]
        [InlineData(0.5, "0.5")]
        [InlineData(1e-5, "1e-5")]
        [InlineData(-0.0, "-0.0")]
        [InlineData(double.NaN, "double.NaN")]
        [InlineData(double.PositiveInfinity, "double.PositiveInfinity")]
        [InlineData(double.NegativeInfinity, "double.NegativeInfinity")]
        public void Doubles_stay_doubles_and_the_special_values_are_constants(double value, string expected)
            => Assert.Equal(expected, Literals.Double(value));

        [Fact]
        public void Numbers_ignore_the_current_culture()
        {
            System.Globalization.CultureInfo previous = System.Globalization.CultureInfo.CurrentCulture;
            try
            {
                System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("fr-FR");
                Assert.Equal("0.5", Literals.Number(0.5));
                Assert.Equal("-3", Literals.Number(-3));
            }
            finally
            {
                System.Globalization.CultureInfo.CurrentCulture = previous;
            }
        }

        [Theory]
        [InlineData("IsEven", "isEven")]
        [InlineData("Digit", "digit")]
        [InlineData("IOU", "iou")]
        [InlineData("URLValue", "urlValue")]
        [InlineData("X", "x")]
        [InlineData("already", "already")]
        public void Field_names_are_camel_case(string name, string expected) => Assert.Equal(expected, Literals.CamelCase(name));

        [Theory]
        [InlineData("Digit", "\"Digit\"")]
        [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
        public void Strings_are_escaped(string value, string expected) => Assert.Equal(expected, Literals.String(value));

        [Theory]
        [InlineData("class", "@class")]
        [InlineData("Digit", "Digit")]
        public void Keywords_are_escaped(string name, string expected) => Assert.Equal(expected, Literals.Identifier(name));

        /// <summary>The field (and state-dict prefix) of a trunk or head: docs/architecture.md, "Names".</summary>
        [Theory]
        [InlineData("Digit", "digit")]
        [InlineData("IsEven", "isEven")]
        [InlineData("IOU", "iou")]
        [InlineData("URLValue", "urlValue")]
        [InlineData("Top5", "top5")]
        [InlineData("Клик", "клик")]
        [InlineData("class", "_class")]
        [InlineData("digit", "_digit")]
        [InlineData("点击率", "_点击率")]
        [InlineData("клик", "_клик")]
        [InlineData("_raw", "__raw")]
        [InlineData("x2y", "_x2y")]
        public void Field_names_are_camelCase_or_after_an_underscore(string name, string expected) => Assert.Equal(expected, Literals.FieldName(name));
    }
}
