namespace MilleLivres.Tests.Mail;

/// <summary>Reads an iCalendar text back: unfolds continuation lines, gives the first value of each property.</summary>
public static class Ics
{
    public static Dictionary<string, string> Properties(string ics)
    {
        var unfolded = ics.Replace("\r\n ", string.Empty).Replace("\r\n\t", string.Empty);
        var result = new Dictionary<string, string>();
        foreach (var line in unfolded.Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':');
            var name = line[..colon].Split(';')[0];
            result.TryAdd(name, line[(colon + 1)..]);
        }
        return result;
    }
}
