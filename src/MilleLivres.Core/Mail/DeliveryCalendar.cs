using System.Globalization;
using System.Text;

namespace MilleLivres.Core.Mail;

/// <summary>
/// The .ics attached to delivery mails (RFC 5545): an all-day event on the expected day. Same UID for a shipment,
/// with a growing SEQUENCE, so a date change updates the event already in the calendar instead of adding one.
/// </summary>
public static class DeliveryCalendar
{
    public static string Event(int shipmentId, int sequence, DateOnly day, string summary, string location, string description, DateTime nowUtc) =>
        Event($"shipment-{shipmentId}@millelivres", sequence, day, summary, location, description, nowUtc);

    /// <summary>The event with its own UID (a replacement carton's is <c>carton-{id}@millelivres</c>).</summary>
    public static string Event(string uid, int sequence, DateOnly day, string summary, string location, string description, DateTime nowUtc)
    {
        var lines = new[]
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Biblionef//MilleLivres//FR",
            "METHOD:PUBLISH",
            "BEGIN:VEVENT",
            $"UID:{uid}",
            $"SEQUENCE:{sequence}",
            $"DTSTAMP:{nowUtc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}",
            $"DTSTART;VALUE=DATE:{day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}",
            $"DTEND;VALUE=DATE:{day.AddDays(1).ToString("yyyyMMdd", CultureInfo.InvariantCulture)}",
            $"SUMMARY:{Escape(summary)}",
            $"LOCATION:{Escape(location)}",
            $"DESCRIPTION:{Escape(description)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
            "END:VCALENDAR",
        };
        var sb = new StringBuilder();
        foreach (var line in lines)
        {
            Fold(sb, line);
        }
        return sb.ToString();
    }

    private static string Escape(string s) =>
        s.Replace("\\", "\\\\").Replace(";", "\\;").Replace(",", "\\,").ReplaceLineEndings("\\n");

    /// <summary>Lines of at most 75 octets, continued with a space (never cutting a UTF-8 character).</summary>
    private static void Fold(StringBuilder sb, string line)
    {
        var octets = 0;
        var limit = 75;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                sb.Append("\r\n ");
                octets = 1;
            }
            sb.Append(rune.ToString());
            octets += size;
        }
        sb.Append("\r\n");
    }
}
