namespace NangSuat.Trace.Labels;

/// <summary>ISO/IEC 16022 annex F: which codeword bit goes in each cell (10 × codeword number + bit), 1 for a fixed dark fill.</summary>
internal sealed class DataMatrixPlacement(int nrow, int ncol)
{
    private readonly int[,] _cells = new int[nrow, ncol];

    public int[,] Run()
    {
        int chr = 1, row = 4, col = 0;
        do
        {
            if (row == nrow && col == 0) Corner(chr++, [(nrow - 1, 0), (nrow - 1, 1), (nrow - 1, 2), (0, ncol - 2), (0, ncol - 1), (1, ncol - 1), (2, ncol - 1), (3, ncol - 1)]);
            if (row == nrow - 2 && col == 0 && ncol % 4 != 0) Corner(chr++, [(nrow - 3, 0), (nrow - 2, 0), (nrow - 1, 0), (0, ncol - 4), (0, ncol - 3), (0, ncol - 2), (0, ncol - 1), (1, ncol - 1)]);
            if (row == nrow - 2 && col == 0 && ncol % 8 == 4) Corner(chr++, [(nrow - 3, 0), (nrow - 2, 0), (nrow - 1, 0), (0, ncol - 2), (0, ncol - 1), (1, ncol - 1), (2, ncol - 1), (3, ncol - 1)]);
            if (row == nrow + 4 && col == 2 && ncol % 8 == 0) Corner(chr++, [(nrow - 1, 0), (nrow - 1, ncol - 1), (0, ncol - 3), (0, ncol - 2), (0, ncol - 1), (1, ncol - 3), (1, ncol - 2), (1, ncol - 1)]);
            do
            {
                if (row < nrow && col >= 0 && _cells[row, col] == 0) Utah(row, col, chr++);
                row -= 2;
                col += 2;
            }
            while (row >= 0 && col < ncol);

            row += 1;
            col += 3;
            do
            {
                if (row >= 0 && col < ncol && _cells[row, col] == 0) Utah(row, col, chr++);
                row += 2;
                col -= 2;
            }
            while (row < nrow && col >= 0);

            row += 3;
            col += 1;
        }
        while (row < nrow || col < ncol);

        if (_cells[nrow - 1, ncol - 1] == 0)
        {
            _cells[nrow - 1, ncol - 1] = _cells[nrow - 2, ncol - 2] = 1;
        }

        return _cells;
    }

    private void Utah(int row, int col, int chr) => Corner(chr,
        [(row - 2, col - 2), (row - 2, col - 1), (row - 1, col - 2), (row - 1, col - 1), (row - 1, col), (row, col - 2), (row, col - 1), (row, col)]);

    private void Corner(int chr, (int Row, int Col)[] cells)
    {
        for (var bit = 1; bit <= 8; bit++)
        {
            var (row, col) = cells[bit - 1];
            if (row < 0)
            {
                row += nrow;
                col += 4 - ((nrow + 4) % 8);
            }

            if (col < 0)
            {
                col += ncol;
                row += 4 - ((ncol + 4) % 8);
            }

            _cells[row, col] = 10 * chr + bit;
        }
    }
}
