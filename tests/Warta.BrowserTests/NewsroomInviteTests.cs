using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Warta.BrowserTests;

/// <summary>A new newsroom: the admin signs in with the password printed at first start and invites a writer and an editor.</summary>
[Collection(WartaSiteCollection.Name)]
public sealed partial class NewsroomInviteTests(WartaSite site)
{
    Task<IBrowserContext> LaptopAsync() => site.Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = site.BaseUrl.ToString(),
        ViewportSize = new ViewportSize { Width = 1366, Height = 800 },
        Locale = "id-ID",
        TimezoneId = "Asia/Jakarta",
    });

    [Fact]
    public async Task An_admin_invites_a_writer_and_an_editor_who_set_their_passwords_and_land_in_the_newsroom()
    {
        var printed = AdminPassword().Match(site.ServerOutput);
        Assert.True(printed.Success, "the first start prints the admin's password");

        await using var adminContext = await LaptopAsync();
        var admin = await adminContext.NewPageAsync();
        await admin.GotoAsync("/redaksi/masuk");
        await admin.GetByLabel("Email").FillAsync("admin@warta.local");
        await admin.GetByLabel("Kata sandi").FillAsync(printed.Groups[1].Value);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(Desk());

        await admin.GetByRole(AriaRole.Link, new() { Name = "Staf" }).ClickAsync();
        var links = new Dictionary<string, string>();
        foreach (var (email, name, role) in new[] { ("sari@warta.local", "Sari Penulis", "Penulis"), ("joko@warta.local", "Joko Editor", "Editor") })
        {
            await admin.GetByLabel("Email").FillAsync(email);
            await admin.GetByLabel("Nama").FillAsync(name);
            await admin.Locator("form select[name=Role]").SelectOptionAsync(new SelectOptionValue { Label = role });
            await admin.GetByRole(AriaRole.Button, new() { Name = "Buat tautan undangan" }).ClickAsync();
            await Expect(admin.Locator(".notice")).ToContainTextAsync(name);
            links[email] = (await admin.Locator(".invite-link").InnerTextAsync()).Trim();
        }
        await Expect(admin.Locator("table.invites tbody tr")).ToHaveCountAsync(2);

        foreach (var (email, password, role) in new[] { ("sari@warta.local", "sari-menulis-berita", "Penulis"), ("joko@warta.local", "joko-menyunting-berita", "Editor") })
        {
            // Each invitee in a browser of their own, with nobody signed in.
            await using var context = await LaptopAsync();
            var page = await context.NewPageAsync();
            await page.GotoAsync(links[email]);
            await Expect(page.Locator("main")).ToContainTextAsync(role);
            await page.GetByLabel("Kata sandi baru").FillAsync(password);
            await page.GetByLabel("Ulangi kata sandi").FillAsync(password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Buat akun dan masuk" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(Desk());
            await Expect(page.Locator(".staff-nav")).ToContainTextAsync(email);
            await Expect(page.Locator(".staff-nav")).Not.ToContainTextAsync("Kunci API");

            // The link worked once.
            await using var later = await LaptopAsync();
            var again = await later.NewPageAsync();
            var response = await again.GotoAsync(links[email]);
            Assert.Equal(404, response!.Status);
            await Expect(again.Locator(".alert")).ToContainTextAsync("sudah dipakai");
        }

        await admin.ReloadAsync();
        await Expect(admin.Locator("table.invites")).ToHaveCountAsync(0);
        await Expect(admin.Locator("table.staff tr[data-email='sari@warta.local']")).ToContainTextAsync("Sari Penulis");
        await Expect(admin.Locator("table.staff tr[data-email='joko@warta.local'] select")).ToHaveValueAsync("Editor");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Log audit" }).ClickAsync();
        await Expect(admin.Locator("table.audit")).ToContainTextAsync("invite.accept");
    }

    [GeneratedRegex("/redaksi$")]
    private static partial Regex Desk();

    [GeneratedRegex(@"Password: (\S+)")]
    private static partial Regex AdminPassword();
}
