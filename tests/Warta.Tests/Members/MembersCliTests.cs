using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Web.Members;
using Warta.Web.Shared;

namespace Warta.Tests.Members;

/// <summary>Issue 12, item 1: <c>members add</c> makes a confirmed reader, optionally with access to a plan, from the command line.</summary>
public class MembersCliTests(WartaFactory app) : IClassFixture<WartaFactory>
{
    [Fact]
    public async Task Members_add_creates_a_confirmed_reader_with_days_of_a_plan_and_prints_the_password_it_made()
    {
        var plan = await app.PlanAsync("premium-mitra", BillingPeriod.Yearly, 490_000);
        var (code, output, error) = await app.RunCliAsync("members", "add", "--email", "mitra@media.test", "--name", "Mitra Media", "--plan", "premium-mitra", "--days", "90");
        Assert.True(code == 0, error);
        var lines = output.TrimEnd().Split('\n').Select(l => l.Trim()).ToArray();
        Assert.Equal("Added reader mitra@media.test.", lines[0]);
        var reader = await app.InDbAsync(db => db.Readers.AsNoTracking().SingleAsync(r => r.Email == "mitra@media.test"));
        Assert.Equal(("Mitra Media", true), (reader.DisplayName, reader.EmailConfirmed));
        var period = Assert.Single(await app.PeriodsAsync(reader.Id));
        Assert.Equal((SubscriptionSources.Cli, 90.0, (int?)plan.Id), (period.Source, (period.EndsAt - period.StartsAt).TotalDays, period.PlanId));
        Assert.Equal($"Plan Paket premium-mitra (premium-mitra) until {Indonesian.DateTime(period.EndsAt)}.", lines[1]);
        Assert.StartsWith("Password (shown once): ", lines[2]);
        var password = lines[2]["Password (shown once): ".Length..];
        using var scope = app.Services.CreateScope();
        var readers = scope.ServiceProvider.GetRequiredService<UserManager<ReaderUser>>();
        Assert.True(await readers.CheckPasswordAsync((await readers.FindByEmailAsync("mitra@media.test"))!, password));
        Assert.Single(await app.InDbAsync(db => db.AuditEntries.Where(e => e.Action == MemberAudit.SubscriptionExtend && e.Actor == "cli" && e.Subject == "mitra@media.test").ToListAsync()));
    }

    [Fact]
    public async Task Members_add_without_days_grants_one_period_and_with_a_given_password_prints_none()
    {
        await app.PlanAsync("premium-cli-bulan");
        var (code, output, error) = await app.RunCliAsync("members", "add", "--email", "tamu@media.test", "--password", "kata-sandi-tamu-1", "--plan", "premium-cli-bulan");
        Assert.True(code == 0, error);
        Assert.DoesNotContain("Password", output);
        var reader = await app.InDbAsync(db => db.Readers.AsNoTracking().SingleAsync(r => r.Email == "tamu@media.test"));
        Assert.Equal("tamu", reader.DisplayName);
        var period = Assert.Single(await app.PeriodsAsync(reader.Id));
        Assert.Equal(period.StartsAt.AddMonths(1), period.EndsAt);

        (code, output, error) = await app.RunCliAsync("members", "add", "--email", "biasa@media.test");
        Assert.True(code == 0, error);
        Assert.Contains("Password (shown once): ", output);
        Assert.Empty(await app.PeriodsAsync(await app.InDbAsync(db => db.Readers.Where(r => r.Email == "biasa@media.test").Select(r => r.Id).SingleAsync())));
    }

    [Fact]
    public async Task Members_add_refuses_a_taken_email_an_unknown_plan_and_bad_days_and_creates_nothing()
    {
        await app.PlanAsync("premium-cli-tolak");
        await app.ReaderAsync("sudah-ada@media.test");
        var before = await app.InDbAsync(db => db.Readers.CountAsync());
        foreach (var (args, message) in new[]
        {
            (new[] { "--email", "Sudah-Ada@media.test" }, "error: a reader with the email Sudah-Ada@media.test already exists."),
            (new[] { "--email", "baru@media.test", "--plan", "tidak-ada" }, "error: no plan 'tidak-ada'. Plans: "),
            (new[] { "--email", "baru@media.test", "--plan", "premium-cli-tolak", "--days", "0" }, "error: --days must be from 1 to 3660."),
            (new[] { "--email", "baru@media.test", "--days", "30" }, "error: --days needs --plan: the days are days of a plan."),
            (new[] { "--email", "bukan-email" }, "error: 'bukan-email' is not an email address."),
        })
        {
            var (code, _, error) = await app.RunCliAsync(["members", "add", .. args]);
            Assert.Equal(1, code);
            Assert.StartsWith(message, error.Trim());
        }
        var (badDays, _, daysError) = await app.RunCliAsync("members", "add", "--email", "baru@media.test", "--days", "sebulan");
        Assert.Equal(1, badDays);
        Assert.StartsWith("error:", daysError.Trim());
        Assert.Equal(before, await app.InDbAsync(db => db.Readers.CountAsync()));
    }
}
