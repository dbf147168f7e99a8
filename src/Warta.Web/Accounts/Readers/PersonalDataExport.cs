using System.Text.Encodings.Web;
using System.Text.Json;
using Warta.Web.Data;

namespace Warta.Web.Accounts.Readers;

/// <summary>
/// Everything Warta holds about one reader: the account's own fields, then each feature's share (<see cref="IPersonalData"/>),
/// in the order of their section names. The page shows it, the download is the same as JSON, and closing the account erases it.
/// </summary>
public sealed class PersonalDataExport(IEnumerable<IPersonalData> shares, WartaDb db)
{
    public const string AccountSection = "akun";

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Names and places in Indonesian stay readable in the file (it is a download, never placed into a page unescaped).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The sections, by name, as plain data.</summary>
    public async Task<IReadOnlyList<KeyValuePair<string, object?>>> CollectAsync(ReaderUser reader, CancellationToken ct)
    {
        var sections = new List<KeyValuePair<string, object?>>
        {
            new(AccountSection, new
            {
                id = reader.Id,
                nama = reader.DisplayName,
                email = reader.Email,
                emailTerkonfirmasi = reader.EmailConfirmed,
                terdaftarPada = reader.CreatedAt,
                gagalMasukBerturutTurut = reader.AccessFailedCount,
                terkunciSampai = reader.LockoutEnd,
            }),
        };
        foreach (var share in shares.OrderBy(s => s.Section, StringComparer.Ordinal))
            sections.Add(new(share.Section, await share.ExportAsync(reader.Id, ct)));
        return sections;
    }

    public static string ToJson(object? data) => JsonSerializer.Serialize(data, Json);

    public async Task<byte[]> DownloadAsync(ReaderUser reader, CancellationToken ct) =>
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>(await CollectAsync(reader, ct)), Json);

    /// <summary>Closes the account in one transaction: each feature erases its share, then the account and its Identity rows go.</summary>
    public async Task EraseAsync(ReaderUser reader, ReaderUserManager readers, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var share in shares) await share.EraseAsync(reader.Id, ct);
        var deleted = await readers.DeleteAsync(reader);
        if (!deleted.Succeeded) throw new InvalidOperationException("The reader account could not be deleted: " + string.Join("; ", deleted.Errors.Select(e => e.Code)));
        await transaction.CommitAsync(ct);
    }
}
