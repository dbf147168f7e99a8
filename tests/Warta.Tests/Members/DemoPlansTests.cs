using Warta.Tests.Infrastructure;

namespace Warta.Tests.Members;

/// <summary>Issue 12, item 1: the demo offers the two premium plans the banner points at.</summary>
public class DemoPlansTests(DemoWartaFactory app) : IClassFixture<DemoWartaFactory>
{
    [Fact]
    public async Task The_demo_offers_premium_bulanan_with_a_trial_and_premium_tahunan_on_langganan()
    {
        var page = await app.ReaderClient().GetPageAsync("/langganan");
        Assert.Equal(["paket-premium-bulanan", "paket-premium-tahunan"], page.QuerySelectorAll("section.plan").Select(s => s.Id));
        Assert.Equal(("Rp 49.000 / bulan", "Rp 490.000 / tahun"), (page.Text("#paket-premium-bulanan .price"), page.Text("#paket-premium-tahunan .price")));
        Assert.Equal("Coba gratis 7 hari untuk pembaca yang belum pernah berlangganan.", page.Text("#paket-premium-bulanan .trial"));
        Assert.Empty(page.QuerySelectorAll("#paket-premium-tahunan .trial"));
    }
}
