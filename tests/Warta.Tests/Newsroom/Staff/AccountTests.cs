using System.Net;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Tests.Newsroom.Staff;

public class AccountTests(StaffFactory app) : IClassFixture<StaffFactory>
{
    async Task<List<string>> AuditAsync(string action)
    {
        using var scope = app.Services.CreateScope();
        return await app.Db(scope).AuditEntries.Where(e => e.Action == action).OrderBy(e => e.Id)
            .Select(e => e.Actor + " | " + e.Subject + " | " + e.Detail).ToListAsync();
    }

    static async Task<string> StaffIdAsync(HttpClient admin, string email)
    {
        var page = await (await admin.GetAsync("/redaksi/admin/staf")).DocumentAsync();
        var row = page.QuerySelector($"table.staff tr[data-email='{email}']") ?? throw new Xunit.Sdk.XunitException($"{email} is not listed");
        return row.QuerySelector("input[name=id]")!.GetAttribute("value")!;
    }

    [Fact]
    public async Task A_password_change_ends_the_other_sessions_but_not_this_one()
    {
        await app.AddStaffAsync("ganti@warta.local", StaffRoles.Writer);
        var laptop = await app.SignedInAsync("ganti@warta.local");
        var tablet = await app.SignedInAsync("ganti@warta.local");

        var wrong = await laptop.SubmitAsync("/redaksi/profil", new() { ["CurrentPassword"] = "bukan-kata-sandinya", ["NewPassword"] = "kata-sandi-baru-sekali", ["Confirmation"] = "kata-sandi-baru-sekali" }, "/redaksi/profil?handler=Password");
        Assert.Contains("Kata sandi saat ini salah", (await wrong.DocumentAsync(400)).QuerySelector(".alert")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, await tablet.StatusOfAsync("/redaksi"));

        var changed = await laptop.SubmitAsync("/redaksi/profil", new() { ["CurrentPassword"] = StaffKit.Password, ["NewPassword"] = "kata-sandi-baru-sekali", ["Confirmation"] = "kata-sandi-baru-sekali" }, "/redaksi/profil?handler=Password");
        Assert.Contains("Kata sandi diganti", (await changed.DocumentAsync()).QuerySelector(".notice")!.TextContent);

        Assert.Equal(HttpStatusCode.OK, await laptop.StatusOfAsync("/redaksi"));
        var ended = await tablet.GetAsync("/redaksi");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.StartsWith("/redaksi/masuk", ended.Headers.Location!.PathAndQuery);
        await app.SignedInAsync("ganti@warta.local", "kata-sandi-baru-sekali");
        Assert.Equal(["ganti@warta.local | ganti@warta.local | "], await AuditAsync(AuditActions.PasswordChange));
    }

    [Fact]
    public async Task Role_changes_and_disabling_take_effect_on_the_next_request()
    {
        await app.AddStaffAsync("kepala@warta.local", StaffRoles.Admin);
        await app.AddStaffAsync("naik@warta.local", StaffRoles.Writer);
        var admin = await app.SignedInAsync("kepala@warta.local");
        var writer = await app.SignedInAsync("naik@warta.local");
        var id = await StaffIdAsync(admin, "naik@warta.local");
        Assert.Equal(HttpStatusCode.Forbidden, await writer.StatusOfAsync("/redaksi/admin/kanal"));
        Assert.DoesNotContain("Kanal", (await (await writer.GetAsync("/redaksi")).DocumentAsync()).QuerySelector(".staff-nav")!.TextContent);

        var promoted = await admin.SubmitAsync("/redaksi/admin/staf", new() { ["id"] = id, ["newRole"] = StaffRoles.Admin }, "/redaksi/admin/staf?handler=Role");
        await promoted.DocumentAsync();
        Assert.Equal(HttpStatusCode.OK, await writer.StatusOfAsync("/redaksi/admin/kanal"));
        Assert.Contains("Kanal", (await (await writer.GetAsync("/redaksi")).DocumentAsync()).QuerySelector(".staff-nav")!.TextContent);

        await (await admin.SubmitAsync("/redaksi/admin/staf", new() { ["id"] = id, ["newRole"] = StaffRoles.Writer }, "/redaksi/admin/staf?handler=Role")).DocumentAsync();
        Assert.Equal(HttpStatusCode.Forbidden, await writer.StatusOfAsync("/redaksi/admin/kanal"));
        Assert.Equal(HttpStatusCode.OK, await writer.StatusOfAsync("/redaksi"));

        var disabled = await admin.SubmitAsync("/redaksi/admin/staf", new() { ["id"] = id }, "/redaksi/admin/staf?handler=Disable");
        Assert.Contains("dinonaktifkan", (await disabled.DocumentAsync()).QuerySelector(".notice")!.TextContent);
        var out1 = await writer.GetAsync("/redaksi");
        Assert.Equal(HttpStatusCode.Redirect, out1.StatusCode);
        Assert.StartsWith("/redaksi/masuk", out1.Headers.Location!.PathAndQuery);
        var refused = await app.Browser().SubmitAsync("/redaksi/masuk", new() { ["Email"] = "naik@warta.local", ["Password"] = StaffKit.Password });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Email atau kata sandi salah", await refused.Content.ReadAsStringAsync());

        await (await admin.SubmitAsync("/redaksi/admin/staf", new() { ["id"] = id }, "/redaksi/admin/staf?handler=Enable")).DocumentAsync();
        await app.SignedInAsync("naik@warta.local");

        Assert.Equal(["kepala@warta.local | naik@warta.local | Penulis → Admin", "kepala@warta.local | naik@warta.local | Admin → Penulis"], await AuditAsync(AuditActions.RoleChange));
        Assert.Equal(["kepala@warta.local | naik@warta.local | "], await AuditAsync(AuditActions.AccountDisable));
        Assert.Equal(["kepala@warta.local | naik@warta.local | "], await AuditAsync(AuditActions.AccountEnable));
    }

    [Fact]
    public async Task The_last_active_admin_can_neither_be_demoted_nor_disabled_and_nobody_disables_themselves()
    {
        var factory = new StaffFactory();
        try
        {
            await factory.AddStaffAsync("tunggal@warta.local", StaffRoles.Admin);
            await factory.AddStaffAsync("rekan@warta.local", StaffRoles.Editor);
            var admin = await factory.SignedInAsync("tunggal@warta.local");
            var self = await StaffIdAsync(admin, "tunggal@warta.local");
            // The admin made at first start is the other admin; once it is disabled, this one is the last.
            var first = await admin.SubmitAsync("/redaksi/admin/staf", new() { ["id"] = await StaffIdAsync(admin, "admin@warta.local") }, "/redaksi/admin/staf?handler=Disable");
            await first.DocumentAsync();

            var demote = await admin.SubmitAsync("/redaksi/admin/staf", new() { ["id"] = self, ["newRole"] = StaffRoles.Editor }, "/redaksi/admin/staf?handler=Role");
            Assert.Contains("satu-satunya admin aktif", (await demote.DocumentAsync(400)).QuerySelector(".alert")!.TextContent);
            var disable = await admin.SubmitAsync("/redaksi/admin/staf", new() { ["id"] = self }, "/redaksi/admin/staf?handler=Disable");
            Assert.Contains("akun Anda sendiri", (await disable.DocumentAsync(400)).QuerySelector(".alert")!.TextContent);
            var badRole = await admin.SubmitAsync("/redaksi/admin/staf", new() { ["id"] = await StaffIdAsync(admin, "rekan@warta.local"), ["newRole"] = "Pemilik" }, "/redaksi/admin/staf?handler=Role");
            Assert.Contains("Pilih peran", (await badRole.DocumentAsync(400)).QuerySelector(".alert")!.TextContent);
            Assert.Equal(HttpStatusCode.OK, await admin.StatusOfAsync("/redaksi/admin/staf"));
            using var scope = factory.Services.CreateScope();
            Assert.False(await factory.Db(scope).AuditEntries.AnyAsync(e => e.Action == AuditActions.RoleChange));
            Assert.Equal(["admin@warta.local"], await factory.Db(scope).AuditEntries.Where(e => e.Action == AuditActions.AccountDisable).Select(e => e.Subject).ToListAsync());
        }
        finally
        {
            factory.Dispose();
        }
    }

    [Fact]
    public async Task Two_factor_sign_in_with_an_authenticator_code_or_a_recovery_code()
    {
        await app.AddStaffAsync("dualangkah@warta.local", StaffRoles.Editor);
        var browser = await app.SignedInAsync("dualangkah@warta.local");
        var setup = await (await browser.SubmitAsync("/redaksi/profil/dua-langkah", new(), "/redaksi/profil/dua-langkah?handler=Key")).DocumentAsync();
        var key = setup.QuerySelector(".shared-key")!.TextContent.Trim();
        var uri = setup.QuerySelector(".authenticator-uri")!.TextContent.Trim();
        Assert.StartsWith("otpauth://totp/Warta:dualangkah%40warta.local?secret=" + key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant(), uri);
        // Making the key renewed this session's cookie: it still works.
        Assert.Equal(HttpStatusCode.OK, await browser.StatusOfAsync("/redaksi"));

        var wrongCode = await browser.SubmitAsync("/redaksi/profil/dua-langkah", new() { ["Code"] = "000000" == Totp.Code(key, app.Clock.GetUtcNow()) ? "111111" : "000000" }, "/redaksi/profil/dua-langkah?handler=Enable");
        Assert.Contains("Kode tidak cocok", (await wrongCode.DocumentAsync(400)).QuerySelector(".alert")!.TextContent);

        var enabled = await browser.SubmitAsync("/redaksi/profil/dua-langkah", new() { ["Code"] = Totp.Code(key, app.Clock.GetUtcNow()) }, "/redaksi/profil/dua-langkah?handler=Enable");
        var codes = (await enabled.DocumentAsync()).QuerySelectorAll(".recovery-codes code").Select(c => c.TextContent).ToList();
        Assert.Equal(10, codes.Count);
        Assert.Equal(HttpStatusCode.OK, await browser.StatusOfAsync("/redaksi"));

        // The password alone no longer signs in: it leads to the code step.
        var second = app.Browser();
        var first = await second.SubmitAsync("/redaksi/masuk", new() { ["Email"] = "dualangkah@warta.local", ["Password"] = StaffKit.Password });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.StartsWith("/redaksi/masuk/kode", first.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, await second.StatusOfAsync("/redaksi"));
        var bad = await second.SubmitAsync("/redaksi/masuk/kode", new() { ["Code"] = "12345" });
        Assert.Contains("Kode tidak cocok", (await bad.DocumentAsync()).QuerySelector(".alert")!.TextContent);
        var good = await second.SubmitAsync("/redaksi/masuk/kode", new() { ["Code"] = Totp.Code(key, app.Clock.GetUtcNow()) });
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await second.StatusOfAsync("/redaksi"));

        // A recovery code works once.
        var third = app.Browser();
        await third.SubmitAsync("/redaksi/masuk", new() { ["Email"] = "dualangkah@warta.local", ["Password"] = StaffKit.Password });
        Assert.Equal(HttpStatusCode.Redirect, (await third.SubmitAsync("/redaksi/masuk/kode", new() { ["RecoveryCode"] = codes[0] })).StatusCode);
        var fourth = app.Browser();
        await fourth.SubmitAsync("/redaksi/masuk", new() { ["Email"] = "dualangkah@warta.local", ["Password"] = StaffKit.Password });
        Assert.Equal(HttpStatusCode.OK, (await fourth.SubmitAsync("/redaksi/masuk/kode", new() { ["RecoveryCode"] = codes[0] })).StatusCode);

        // Turned off with the password; then the password alone signs in again.
        var off = await browser.SubmitAsync("/redaksi/profil/dua-langkah", new() { ["Password"] = StaffKit.Password }, "/redaksi/profil/dua-langkah?handler=Disable");
        Assert.Contains("dimatikan", (await off.DocumentAsync()).QuerySelector(".notice")!.TextContent);
        await app.SignedInAsync("dualangkah@warta.local");

        Assert.Single(await AuditAsync(AuditActions.TwoFactorOn));
        Assert.Single(await AuditAsync(AuditActions.TwoFactorOff));
        var logins = await AuditAsync(AuditActions.LoginSuccess);
        Assert.Contains("dualangkah@warta.local |  | dua langkah: kode autentikator", logins);
        Assert.Contains("dualangkah@warta.local |  | dua langkah: kode pemulihan", logins);
    }
}

public class AdminTwoFactorTests(AdminTwoFactorFactory app) : IClassFixture<AdminTwoFactorFactory>
{
    [Fact]
    public async Task Admins_without_two_factor_are_sent_to_set_it_up_and_cannot_turn_it_off()
    {
        await app.AddStaffAsync("wajib@warta.local", StaffRoles.Admin);
        await app.AddStaffAsync("bebas@warta.local", StaffRoles.Writer);
        var writer = await app.SignedInAsync("bebas@warta.local");
        Assert.Equal(HttpStatusCode.OK, await writer.StatusOfAsync("/redaksi"));

        var admin = await app.SignedInAsync("wajib@warta.local");
        foreach (var path in new[] { "/redaksi", "/redaksi/admin/staf", "/redaksi/profil" })
        {
            var sent = await admin.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
            Assert.Equal("/redaksi/profil/dua-langkah?wajib=1", sent.Headers.Location!.OriginalString);
        }
        var setup = await (await admin.SubmitAsync("/redaksi/profil/dua-langkah?wajib=1", new() { ["wajib"] = "1" }, "/redaksi/profil/dua-langkah?handler=Key")).DocumentAsync();
        Assert.Contains("wajib", setup.QuerySelector(".alert")!.TextContent);
        var key = setup.QuerySelector(".shared-key")!.TextContent;
        await (await admin.SubmitAsync("/redaksi/profil/dua-langkah?wajib=1", new() { ["Code"] = Totp.Code(key, app.Clock.GetUtcNow()) }, "/redaksi/profil/dua-langkah?handler=Enable")).DocumentAsync();
        Assert.Equal(HttpStatusCode.OK, await admin.StatusOfAsync("/redaksi/admin/staf"));

        var page = await (await admin.GetAsync("/redaksi/profil/dua-langkah")).DocumentAsync();
        Assert.Null(page.QuerySelector("form[action*=Disable]"));
        var off = await admin.SubmitAsync("/redaksi/profil/dua-langkah", new() { ["Password"] = StaffKit.Password }, "/redaksi/profil/dua-langkah?handler=Disable");
        Assert.Contains("wajib untuk admin", (await off.DocumentAsync(400)).QuerySelector(".alert")!.TextContent);
    }
}
