using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Warta.BrowserTests;

/// <summary>
/// A reader on a phone opens an account: registers, follows the confirmation link, signs in, and later makes a new
/// password. The site runs without a mail server, so its messages go to its log, where the operator (and this test) reads them.
/// </summary>
[Collection(WartaSiteCollection.Name)]
public sealed partial class ReaderAccountTests(WartaSite site)
{
    /// <summary>The first link to <paramref name="path"/> in a message logged to <paramref name="email"/> after <paramref name="from"/> characters of output.</summary>
    async Task<string> MailedLinkAsync(string email, string path, int from)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var output = site.ServerOutput;
            var at = output.IndexOf("this message to " + email, from, StringComparison.Ordinal);
            if (at >= 0 && MailLink().Matches(output, at).FirstOrDefault(m => m.Value.Contains(path, StringComparison.Ordinal)) is { } link) return link.Value;
            Assert.True(DateTime.UtcNow < deadline, $"no mail to {email} with a link to {path} in the server's log");
            // The outbox sends after the page has answered; the log is read again until the message is in it.
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_reader_on_a_phone_registers_confirms_the_address_signs_in_and_makes_a_new_password()
    {
        const string email = "pembaca-ponsel@contoh.id";
        await using var context = await site.NewPhoneContextAsync(javaScript: false);
        var page = await context.NewPageAsync();

        var logged = site.ServerOutput.Length;
        await page.GotoAsync("/akun/daftar");
        await page.GetByLabel("Nama").FillAsync("Putri Ponsel");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Kata sandi").FillAsync("sandi-ponsel-yang-panjang");
        await page.GetByRole(AriaRole.Button, new() { Name = "Daftar" }).ClickAsync();
        await Expect(page.Locator("#check-mail")).ToContainTextAsync("Cek email Anda.");

        await page.GotoAsync(await MailedLinkAsync(email, "/akun/konfirmasi", logged));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Email terkonfirmasi");

        await page.GetByRole(AriaRole.Link, new() { Name = "Ke akun saya" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Kata sandi").FillAsync("sandi-ponsel-yang-panjang");
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await Expect(page.Locator("#reader-name")).ToHaveTextAsync("Putri Ponsel");
        await Expect(page.Locator("#email-unconfirmed")).ToHaveCountAsync(0);
        await PhoneReadingTests.AssertNoSidewaysScrollingAsync(page);

        // Later, signed out, the password is forgotten.
        await page.GetByRole(AriaRole.Button, new() { Name = "Keluar" }).ClickAsync();
        logged = site.ServerOutput.Length;
        await page.GotoAsync("/akun/masuk");
        await page.GetByRole(AriaRole.Link, new() { Name = "Lupa kata sandi?" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Kirim tautan" }).ClickAsync();
        await Expect(page.Locator("#check-mail")).ToContainTextAsync("Cek email Anda.");

        await page.GotoAsync(await MailedLinkAsync(email, "/akun/sandi-baru", logged));
        await page.GetByLabel("Kata sandi baru").FillAsync("sandi-ponsel-yang-baru");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan kata sandi" }).ClickAsync();
        await Expect(page.Locator("#password-saved")).ToBeVisibleAsync();
        await page.Locator("#password-saved + p a").ClickAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Kata sandi").FillAsync("sandi-ponsel-yang-baru");
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await Expect(page.Locator("#reader-name")).ToHaveTextAsync("Putri Ponsel");
    }

    [GeneratedRegex(@"https?://[^\s""<>]+")]
    private static partial Regex MailLink();
}
