using System.Net;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Tests.Newsroom.Staff;

public class InviteTests(StaffFactory app) : IClassFixture<StaffFactory>
{
    async Task<HttpClient> AdminAsync()
    {
        var email = $"admin-{Guid.NewGuid():N}@warta.local";
        await app.AddStaffAsync(email, StaffRoles.Admin);
        return await app.SignedInAsync(email);
    }

    static async Task<string> InviteAsync(HttpClient admin, string email, string name, string role)
    {
        var created = await admin.SubmitAsync("/redaksi/admin/staf", new() { ["Email"] = email, ["Name"] = name, ["Role"] = role }, "/redaksi/admin/staf?handler=Invite");
        var link = (await created.DocumentAsync()).QuerySelector(".invite-link")!.TextContent.Trim();
        return new Uri(link).PathAndQuery;
    }

    static Dictionary<string, string> Passwords(string password, string? confirmation = null) =>
        new() { ["Password"] = password, ["Confirmation"] = confirmation ?? password };

    [Fact]
    public async Task An_invite_link_makes_one_account_with_its_role_and_then_stops_working()
    {
        var admin = await AdminAsync();
        var link = await InviteAsync(admin, "baru@warta.local", "Rina Baru", StaffRoles.Editor);
        Assert.Matches("^/redaksi/undangan/[A-Za-z0-9_-]{40,}$", link);

        var invitee = app.Browser();
        var page = await (await invitee.GetAsync(link)).DocumentAsync();
        Assert.Contains("Rina Baru", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Editor", page.QuerySelector("main p")!.TextContent);

        // Bad input saves nothing and keeps the link usable.
        var mismatch = await invitee.SubmitAsync(link, Passwords("kata-sandi-rina-1", "kata-sandi-rina-2"));
        Assert.Contains("tidak sama", (await mismatch.DocumentAsync()).QuerySelector(".alert")!.TextContent);
        var tooShort = await invitee.SubmitAsync(link, Passwords("pendek"));
        Assert.Contains("minimal 10 karakter", (await tooShort.DocumentAsync()).QuerySelector(".alert")!.TextContent);
        using (var scope = app.Services.CreateScope())
            Assert.False(await app.Db(scope).Users.AnyAsync(u => u.Email == "baru@warta.local"));

        var accepted = await invitee.SubmitAsync(link, Passwords("kata-sandi-rina-1"));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("/redaksi", accepted.Headers.Location!.OriginalString);
        var desk = await (await invitee.GetAsync("/redaksi")).DocumentAsync();
        Assert.Contains("baru@warta.local", desk.QuerySelector(".staff-nav")!.TextContent);
        Assert.Equal(HttpStatusCode.Forbidden, await invitee.StatusOfAsync("/redaksi/admin/kanal"));

        // Once used, the link is dead, for anyone.
        var again = app.Browser();
        var dead = await (await again.GetAsync(link)).DocumentAsync(404);
        Assert.Contains("sudah dipakai", dead.QuerySelector(".alert")!.TextContent);
        // A replay with a valid antiforgery token (taken from the sign-in page) still finds no invite.
        var replay = await again.SubmitAsync("/redaksi/masuk", Passwords("kata-sandi-lain-1"), link);
        Assert.Equal(HttpStatusCode.NotFound, replay.StatusCode);
        await app.SignedInAsync("baru@warta.local", "kata-sandi-rina-1");

        using (var scope = app.Services.CreateScope())
        {
            var db = app.Db(scope);
            var user = await db.Users.SingleAsync(u => u.Email == "baru@warta.local");
            Assert.Equal("Rina Baru", user.DisplayName);
            var roles = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync();
            Assert.Equal([StaffRoles.Editor], roles);
            var entries = await db.AuditEntries.Where(e => e.Subject == "baru@warta.local").OrderBy(e => e.Id).Select(e => e.Action + " by " + e.Actor).ToListAsync();
            Assert.Equal(AuditActions.InviteCreate, entries[0].Split(' ')[0]);
            Assert.Equal($"{AuditActions.InviteAccept} by baru@warta.local", entries[1]);
        }
    }

    [Fact]
    public async Task An_invite_expires_and_a_newer_invite_replaces_an_older_one()
    {
        var admin = await AdminAsync();
        var expiring = await InviteAsync(admin, "lambat@warta.local", "Lambat", StaffRoles.Writer);
        app.Clock.Advance(TimeSpan.FromDays(8));
        var invitee = app.Browser();
        Assert.Contains("kedaluwarsa", (await (await invitee.GetAsync(expiring)).DocumentAsync(404)).QuerySelector(".alert")!.TextContent);

        var admin2 = await AdminAsync();
        var older = await InviteAsync(admin2, "ulang@warta.local", "Ulang", StaffRoles.Writer);
        var newer = await InviteAsync(admin2, "ulang@warta.local", "Ulang", StaffRoles.Writer);
        await (await invitee.GetAsync(older)).DocumentAsync(404);
        Assert.Equal(HttpStatusCode.Redirect, (await invitee.SubmitAsync(newer, Passwords("kata-sandi-ulang-1"))).StatusCode);
    }

    [Fact]
    public async Task Invites_for_existing_accounts_or_with_bad_fields_are_refused_and_nothing_is_saved()
    {
        var admin = await AdminAsync();
        await app.AddStaffAsync("ada@warta.local", StaffRoles.Writer);
        int before;
        using (var scope = app.Services.CreateScope()) before = await app.Db(scope).StaffInvites.CountAsync();
        var existing = await admin.SubmitAsync("/redaksi/admin/staf", new() { ["Email"] = "ada@warta.local", ["Name"] = "Ada", ["Role"] = StaffRoles.Writer }, "/redaksi/admin/staf?handler=Invite");
        Assert.Contains("sudah punya akun", (await existing.DocumentAsync(400)).QuerySelector(".alert")!.TextContent);
        var bad = await admin.SubmitAsync("/redaksi/admin/staf", new() { ["Email"] = "bukan-email", ["Name"] = "", ["Role"] = "Raja" }, "/redaksi/admin/staf?handler=Invite");
        var alert = (await bad.DocumentAsync(400)).QuerySelector(".alert")!.TextContent;
        Assert.Contains("Alamat email tidak valid", alert);
        Assert.Contains("Nama wajib diisi", alert);
        Assert.Contains("Pilih peran", alert);
        using (var scope = app.Services.CreateScope()) Assert.Equal(before, await app.Db(scope).StaffInvites.CountAsync());
    }
}
