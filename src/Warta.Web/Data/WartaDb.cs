using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Academy;
using Warta.Web.Markets;
using Warta.Web.Newsroom;
using Warta.Web.Accounts;
using Warta.Web.Accounts.Staff;
using Warta.Web.Content;
using Warta.Web.Promos;

namespace Warta.Web.Data;

/// <summary>
/// The one database context. Each provider has a subclass (<see cref="SqliteWartaDb"/>, <see cref="PostgresWartaDb"/>)
/// that owns its migrations, so both migration sets live side by side without a design-time switch.
/// </summary>
public abstract class WartaDb(DbContextOptions options) : IdentityDbContext<Warta.Web.Accounts.Staff.StaffUser>(options)
{
    public DbSet<Channel> Channels => Set<Channel>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<ArticleTag> ArticleTags => Set<ArticleTag>();
    public DbSet<ArticleReporter> ArticleReporters => Set<ArticleReporter>();
    public DbSet<ArticleRelated> ArticleRelated => Set<ArticleRelated>();
    public DbSet<Media> Media => Set<Media>();
    public DbSet<MediaFile> MediaFiles => Set<MediaFile>();
    public DbSet<Instrument> Instruments => Set<Instrument>();
    public DbSet<Quote> Quotes => Set<Quote>();
    public DbSet<DailyBar> DailyBars => Set<DailyBar>();
    public DbSet<HeldQuote> HeldQuotes => Set<HeldQuote>();
    public DbSet<MarketHoliday> MarketHolidays => Set<MarketHoliday>();
    public DbSet<Markets.Feeds.QuoteFeed> QuoteFeeds => Set<Markets.Feeds.QuoteFeed>();
    public DbSet<Course> Courses => Set<Course>();
    public DbSet<Registration> Registrations => Set<Registration>();
    public DbSet<Promo> Promos => Set<Promo>();
    public DbSet<ArticleViewHour> ArticleViews => Set<ArticleViewHour>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<ArticleCorrection> ArticleCorrections => Set<ArticleCorrection>();
    public DbSet<ArticleRevision> ArticleRevisions => Set<ArticleRevision>();
    public DbSet<ArticleAutosave> ArticleAutosaves => Set<ArticleAutosave>();
    public DbSet<PreviewLink> PreviewLinks => Set<PreviewLink>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Warta.Web.Accounts.Staff.StaffInvite> StaffInvites => Set<Warta.Web.Accounts.Staff.StaffInvite>();
    public DbSet<Warta.Web.Accounts.Readers.ReaderUser> Readers => Set<Warta.Web.Accounts.Readers.ReaderUser>();
    public DbSet<Newsroom.Wire.WireFeed> WireFeeds => Set<Newsroom.Wire.WireFeed>();
    public DbSet<Newsroom.Wire.WireItem> WireItems => Set<Newsroom.Wire.WireItem>();
    public DbSet<Commerce.Plan> Plans => Set<Commerce.Plan>();
    public DbSet<Commerce.Voucher> Vouchers => Set<Commerce.Voucher>();
    public DbSet<Commerce.Subscription> Subscriptions => Set<Commerce.Subscription>();
    public DbSet<Commerce.Order> Orders => Set<Commerce.Order>();
    public DbSet<Commerce.Invoice> Invoices => Set<Commerce.Invoice>();
    public DbSet<Commerce.PaymentNotice> PaymentNotices => Set<Commerce.PaymentNotice>();
    public DbSet<Members.OneTimeBenefit> OneTimeBenefits => Set<Members.OneTimeBenefit>();
    public DbSet<Content.Paywall.PaywallAllowance> PaywallAllowances => Set<Content.Paywall.PaywallAllowance>();
    public DbSet<Content.Paywall.MeterRead> MeterReads => Set<Content.Paywall.MeterRead>();
    public DbSet<Content.Paywall.GiftLink> GiftLinks => Set<Content.Paywall.GiftLink>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(WartaDb).Assembly, t => t.Namespace?.StartsWith("Warta.Web", StringComparison.Ordinal) == true);
    }
}

public sealed class SqliteWartaDb(DbContextOptions<SqliteWartaDb> options) : WartaDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset stored as text; every instant is UTC, so store its ticks.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }

    sealed class UtcTicksConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
}

public sealed class PostgresWartaDb(DbContextOptions<PostgresWartaDb> options) : WartaDb(options);
