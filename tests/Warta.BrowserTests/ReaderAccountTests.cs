using static Microsoft.Playwright.Assertions;

namespace Warta.BrowserTests;

/// <summary>
/// A reader on a phone opens an account: registers, follows the confirmation link in the mail the site sent, signs in,
/// and later makes a new password from the link in another mail.
/// </summary>
[Collection(WartaSiteCollection.Name)]
public sealed class ReaderAccountTests(WartaSite site)
{
    [Fact]
    public async Task A_reader_on_a_phone_registers_confirms_the_address_signs_in_and_makes_a_new_password()
    {
        const string email = "pembaca-ponsel@contoh.id";
        await using var context = await site.NewPhoneContextAsync(javaScript: false);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/akun/daftar");
        await page.GetByLabel("Nama").FillAsync("Putri Ponsel");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Kata sandi").FillAsync("sandi-ponsel-yang-panjang");
        await page.GetByRole(AriaRole.Button, new() { Name = "Daftar" }).ClickAsync();
        await Expect(page.Locator("#check-mail")).ToContainTextAsync("Cek email Anda.");

        await page.GotoAsync(await site.MailedLinkAsync(email, "Konfirmasi email akun", "/akun/konfirmasi"));
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
        await page.GotoAsync("/akun/masuk");
        await page.GetByRole(AriaRole.Link, new() { Name = "Lupa kata sandi?" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Kirim tautan" }).ClickAsync();
        await Expect(page.Locator("#check-mail")).ToContainTextAsync("Cek email Anda.");

        await page.GotoAsync(await site.MailedLinkAsync(email, "Buat kata sandi baru", "/akun/sandi-baru"));
        await page.GetByLabel("Kata sandi baru").FillAsync("sandi-ponsel-yang-baru");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan kata sandi" }).ClickAsync();
        await Expect(page.Locator("#password-saved")).ToBeVisibleAsync();
        await page.Locator("#password-saved + p a").ClickAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Kata sandi").FillAsync("sandi-ponsel-yang-baru");
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await Expect(page.Locator("#reader-name")).ToHaveTextAsync("Putri Ponsel");
    }
}
