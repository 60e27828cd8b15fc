from tests.offseed import main

main()
