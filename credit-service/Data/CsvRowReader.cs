using System.Text;

namespace GovChain.CreditService.Data;

/// <summary>
/// RFC 4180 records: comma-separated, CRLF or LF line ends, double-quoted fields that may hold commas, quotes ("")
/// and line breaks. A malformed record becomes a row with a problem instead of an exception, and the reader carries
/// on at the next line end, so one bad row never costs the rest of the file.
/// </summary>
internal sealed class CsvRowReader
{
    private const int EndOfInput = -1;

    private readonly TextReader _input;
    private readonly ImportLimits _limits;
    private readonly char[] _buffer = new char[16 * 1024];
    private readonly StringBuilder _field = new();
    private int _position;
    private int _length;
    private int _rowNumber;

    public CsvRowReader(TextReader input, ImportLimits limits)
    {
        _input = input;
        _limits = limits;
    }

    public IEnumerable<SourceRow> ReadAll()
    {
        while (ReadRow() is { } row)
        {
            yield return row;
        }
    }

    private SourceRow? ReadRow()
    {
        if (Peek() == EndOfInput)
        {
            return null;
        }

        _rowNumber++;
        var cells = new List<SourceCell>();
        string? problem = null;
        while (true)
        {
            var (cell, cellProblem, rowEnded) = ReadField();
            problem ??= cellProblem;
            if (cells.Count < _limits.MaxColumns)
            {
                cells.Add(cell);
            }
            else
            {
                problem ??= $"more than {_limits.MaxColumns} fields";
            }

            if (rowEnded)
            {
                return new SourceRow(_rowNumber, cells, problem);
            }
        }
    }

    /// <summary>Reads one field and the separator after it; the row problem covers quoting errors.</summary>
    private (SourceCell Cell, string? RowProblem, bool RowEnded) ReadField()
    {
        _field.Clear();
        var tooLong = false;
        string? problem = null;
        var quoted = Peek() == '"';
        if (quoted)
        {
            Next();
        }

        while (true)
        {
            var c = Next();
            if (c == EndOfInput)
            {
                if (quoted)
                {
                    problem ??= "a quoted field is not closed before the end of the file";
                }

                return (Cell(tooLong), problem, true);
            }

            if (quoted)
            {
                if (c != '"')
                {
                    Append((char)c, ref tooLong);
                    continue;
                }

                if (Peek() == '"')
                {
                    Next();
                    Append('"', ref tooLong);
                    continue;
                }

                quoted = false;
                var after = Peek();
                if (after is not (',' or '\r' or '\n' or EndOfInput))
                {
                    problem ??= "text follows a closing quote; a quote inside a field must be doubled";
                }

                continue;
            }

            switch (c)
            {
                case ',':
                    return (Cell(tooLong), problem, false);
                case '\n':
                    return (Cell(tooLong), problem, true);
                case '\r':
                    if (Peek() == '\n')
                    {
                        Next();
                    }

                    return (Cell(tooLong), problem, true);
                case '"':
                    problem ??= "a quote appears inside an unquoted field; quote the field and double the quote";
                    Append('"', ref tooLong);
                    break;
                default:
                    Append((char)c, ref tooLong);
                    break;
            }
        }
    }

    private SourceCell Cell(bool tooLong) =>
        tooLong
            ? new SourceCell(string.Empty, $"longer than {_limits.MaxFieldLength} characters")
            : new SourceCell(_field.ToString());

    private void Append(char c, ref bool tooLong)
    {
        // Past the cap only the fact is kept, so a huge field cannot grow memory.
        if (_field.Length < _limits.MaxFieldLength)
        {
            _field.Append(c);
        }
        else
        {
            tooLong = true;
        }
    }

    private int Peek()
    {
        if (_position == _length)
        {
            _length = _input.Read(_buffer, 0, _buffer.Length);
            _position = 0;
            if (_length == 0)
            {
                return EndOfInput;
            }
        }

        return _buffer[_position];
    }

    private int Next()
    {
        var c = Peek();
        if (c != EndOfInput)
        {
            _position++;
        }

        return c;
    }
}
