package io.fairauction.cli;

import io.fairauction.core.json.AuctionFileException;
import io.fairauction.core.json.AuctionJson;
import io.fairauction.core.model.Competition;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads an auction file named on the command line, or standard input for {@code -}. */
final class AuctionFileInput {
    private AuctionFileInput() {
    }

    static Competition read(String file) {
        try (InputStream in = open(file)) {
            return AuctionJson.read(in);
        } catch (AuctionFileException e) {
            throw new BadInputException(label(file) + ": " + e.getMessage());
        } catch (NoSuchFileException e) {
            throw new BadInputException(label(file) + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(label(file) + ": cannot read: " + e.getMessage());
        }
    }

    private static InputStream open(String file) throws IOException {
        if (file.equals("-")) {
            return System.in;
        }
        Path p = Path.of(file);
        if (Files.isDirectory(p)) {
            throw new IOException("is a directory");
        }
        return Files.newInputStream(p);
    }

    private static String label(String file) {
        return file.equals("-") ? "<stdin>" : file;
    }
}
