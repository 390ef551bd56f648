package org.lyncrunbooks.backup;

import java.nio.file.*;
import java.nio.file.attribute.*;
import java.util.*;

public class ScratchStat {
    public static void main(String[] args) throws Exception {
        List<Path> files = new ArrayList<>();
        try (var s = Files.walk(Path.of(args[0]))) { s.filter(Files::isRegularFile).forEach(files::add); }
        for (int round = 0; round < 6; round++) {
            long t0 = System.nanoTime(); long x = 0;
            for (Path p : files) x += Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).size();
            long t1 = System.nanoTime();
            for (Path p : files) x += ((Long) Files.readAttributes(p, "unix:isRegularFile,size,dev,ino,ctime", LinkOption.NOFOLLOW_LINKS).get("size"));
            long t2 = System.nanoTime();
            for (Path p : files) x += ((FileTime) Files.getAttribute(p, "unix:ctime", LinkOption.NOFOLLOW_LINKS)).toMillis();
            long t3 = System.nanoTime();
            for (Path p : files) x += Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).size();
            long t4 = System.nanoTime();
            System.out.printf("n=%d basic %.2f us, unix-map %.2f us, getAttribute ctime %.2f us, posix %.2f us (%d)%n", files.size(),
                (t1-t0)/1e3/files.size(), (t2-t1)/1e3/files.size(), (t3-t2)/1e3/files.size(), (t4-t3)/1e3/files.size(), x % 7);
        }
    }
}
