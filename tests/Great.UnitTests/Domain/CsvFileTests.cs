using System.Text;
using Great.Web.Pages;

namespace Great.UnitTests.Domain;

public class CsvFileTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("+503 7012 3344", "'+503 7012 3344")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("Muñoz", "Muñoz")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Should_neutralise_cells_a_spreadsheet_would_run_as_formulas(string? value, string expected) =>
        Assert.Equal(expected, CsvFile.Escape(value));

    [Fact]
    public void Should_write_utf8_with_a_bom_and_quote_commas()
    {
        var file = CsvFile.Create("x.csv", ["Name", "School"], [["Güeña, Ana", "=1+1"]]);
        Assert.Equal([0xEF, 0xBB, 0xBF], file.FileContents.Take(3));
        var text = Encoding.UTF8.GetString(file.FileContents.AsSpan(3));
        Assert.Equal("Name,School\r\n\"Güeña, Ana\",'=1+1\r\n", text);
    }
}
