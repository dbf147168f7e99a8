using Warta.Web.Shared;

namespace Warta.Tests.Shared;

public class SlugTests
{
    [Theory]
    [InlineData("IHSG Menguat 0,88% Jelang Rilis Data Inflasi", "ihsg-menguat-0-88-jelang-rilis-data-inflasi")]
    [InlineData("  Rupiah: Melemah?! ", "rupiah-melemah")]
    [InlineData("Café Ekspor Kopi", "cafe-ekspor-kopi")]
    public void Makes_readable_url_slugs(string title, string slug) => Assert.Equal(slug, Slug.From(title));

    [Fact]
    public void Cuts_long_slugs_at_a_word()
    {
        var slug = Slug.From(string.Join(' ', Enumerable.Repeat("pertumbuhan", 20)));
        Assert.True(slug.Length <= 90);
        Assert.EndsWith("pertumbuhan", slug);
    }
}
