using System.Net;
using Warta.Fakes;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Accounts;

/// <summary>The pages that send mail are limited per IP address and per address typed, whether it has an account or not.</summary>
public class ReaderMailLimitTests
{
    [Fact]
    public async Task An_address_gets_only_its_hourly_share_of_mail_whoever_asks_and_other_addresses_are_not_held_back()
    {
        await using var smtp = new SmtpReceiver();
        using var app = new WartaNode(null, new Dictionary<string, string?>(smtp.Settings) { ["Warta:Readers:MailsPerAddressPerHour"] = "2" });

        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await app.Browser().SubmitAsync("/akun/lupa-sandi", new() { ["Email"] = "dibanjiri@pembaca.test" })).StatusCode);
        var refused = await app.Browser().SubmitAsync("/akun/konfirmasi/kirim-ulang", new() { ["Email"] = "Dibanjiri@pembaca.test" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull((await refused.DocumentAsync(429)).QuerySelector("#mail-limit"));
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().SubmitAsync("/akun/lupa-sandi", new() { ["Email"] = "lain@pembaca.test" })).StatusCode);
    }

    [Fact]
    public async Task One_ip_address_may_ask_for_mail_only_so_often_while_the_pages_themselves_still_open()
    {
        await using var smtp = new SmtpReceiver();
        using var app = new WartaNode(null, new Dictionary<string, string?>(smtp.Settings) { ["Warta:Readers:MailRequestsPerIpPerHour"] = "2" });
        var browser = app.Browser();

        Assert.Equal(HttpStatusCode.OK, (await browser.SubmitAsync("/akun/lupa-sandi", new() { ["Email"] = "satu@pembaca.test" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.SubmitAsync("/akun/konfirmasi/kirim-ulang", new() { ["Email"] = "dua@pembaca.test" })).StatusCode);
        var refused = await browser.SubmitAsync("/akun/lupa-sandi", new() { ["Email"] = "tiga@pembaca.test" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("Terlalu banyak percobaan", (await refused.DocumentAsync(429)).Text("h1"));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/akun/lupa-sandi")).StatusCode);
    }
}
