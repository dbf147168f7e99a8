using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Warta.Web.Accounts.Readers;

namespace Warta.Web.Members;

/// <summary>
/// Something a reader may have only once: the trial, or one voucher. The key (reader, benefit) is unique in the database,
/// so two requests at the same instant cannot both take it.
/// </summary>
public sealed class OneTimeBenefit
{
    public const string Trial = "trial";
    public static string Voucher(string code) => "voucher:" + code;

    public Guid ReaderId { get; set; }
    /// <summary><see cref="Trial"/> or <c>voucher:CODE</c>.</summary>
    public required string Benefit { get; set; }
    public DateTimeOffset TakenAt { get; set; }
}

sealed class OneTimeBenefitConfiguration : IEntityTypeConfiguration<OneTimeBenefit>
{
    public void Configure(EntityTypeBuilder<OneTimeBenefit> b)
    {
        b.HasKey(x => new { x.ReaderId, x.Benefit });
        b.Property(x => x.Benefit).HasMaxLength(60);
        b.HasOne<ReaderUser>().WithMany().HasForeignKey(x => x.ReaderId).OnDelete(DeleteBehavior.Cascade);
    }
}
